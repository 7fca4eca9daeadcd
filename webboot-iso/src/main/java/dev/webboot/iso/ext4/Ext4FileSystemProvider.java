package dev.webboot.iso.ext4;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.internal.ext4.Ext4Superblock;
import dev.webboot.iso.internal.ext4.Ext4Tree;
import dev.webboot.iso.internal.fs.ImageFileSystemProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.spi.FileSystemProvider;

/**
 * The {@code ext4} file-system provider (ext2 and ext3 too), registered as a service: {@code
 * FileSystems.newFileSystem(path)} opens a file whose superblock has the 0xEF53 magic at byte 1080, and declines any
 * other file with {@link UnsupportedOperationException} so that other providers are asked.
 */
public final class Ext4FileSystemProvider extends ImageFileSystemProvider {
    private static final class Fallback {
        static final Ext4FileSystemProvider INSTANCE = new Ext4FileSystemProvider();
    }

    public Ext4FileSystemProvider() {
        super("ext4");
    }

    /** The installed provider (the one {@code FileSystems} uses), or one of our own when it is not installed. */
    static Ext4FileSystemProvider instance() {
        for (FileSystemProvider p : FileSystemProvider.installedProviders()) {
            if (p instanceof Ext4FileSystemProvider ext4) {
                return ext4;
            }
        }
        return Fallback.INSTANCE;
    }

    @Override
    protected boolean recognizes(ImageSource source) throws IOException {
        if (source.size() < Ext4Superblock.OFFSET + Ext4Superblock.SIZE) {
            return false;
        }
        ByteBuffer magic = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN);
        source.readFully(magic, Ext4Superblock.MAGIC_OFFSET);
        return (magic.getShort(0) & 0xffff) == Ext4Superblock.MAGIC;
    }

    @Override
    protected Ext4FileSystem open(ImageSource source) throws IOException {
        return new Ext4FileSystem(this, Ext4Tree.open(source, true));
    }
}
