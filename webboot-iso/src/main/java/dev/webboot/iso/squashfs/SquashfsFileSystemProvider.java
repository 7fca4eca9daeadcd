package dev.webboot.iso.squashfs;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.internal.fs.ImageFileSystemProvider;
import dev.webboot.iso.internal.squashfs.SquashfsTree;
import dev.webboot.iso.internal.squashfs.Superblock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.spi.FileSystemProvider;

/**
 * The {@code squashfs} file-system provider, registered as a service: {@code FileSystems.newFileSystem(path)} opens
 * a file that starts with the {@code hsqs} magic, and declines any other file with {@link
 * UnsupportedOperationException} so that other providers are asked.
 */
public final class SquashfsFileSystemProvider extends ImageFileSystemProvider {
    private static final class Fallback {
        static final SquashfsFileSystemProvider INSTANCE = new SquashfsFileSystemProvider();
    }

    public SquashfsFileSystemProvider() {
        super("squashfs");
    }

    /** The installed provider (the one {@code FileSystems} uses), or one of our own when it is not installed. */
    static SquashfsFileSystemProvider instance() {
        for (FileSystemProvider p : FileSystemProvider.installedProviders()) {
            if (p instanceof SquashfsFileSystemProvider squashfs) {
                return squashfs;
            }
        }
        return Fallback.INSTANCE;
    }

    @Override
    protected boolean recognizes(ImageSource source) throws IOException {
        if (source.size() < Superblock.SIZE) {
            return false;
        }
        ByteBuffer magic = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        source.readFully(magic, 0);
        return magic.getInt(0) == Superblock.MAGIC;
    }

    @Override
    protected SquashfsFileSystem open(ImageSource source) throws IOException {
        return new SquashfsFileSystem(this, SquashfsTree.open(source, true));
    }
}
