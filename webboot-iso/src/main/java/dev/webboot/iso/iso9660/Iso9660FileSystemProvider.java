package dev.webboot.iso.iso9660;

import dev.webboot.iso.ImageFileSystem;
import dev.webboot.iso.ImageSource;
import dev.webboot.iso.internal.fs.ImageFileSystemProvider;
import dev.webboot.iso.internal.iso9660.IsoTree;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The {@code iso9660} file system provider: {@code FileSystems.newFileSystem(path)} opens ISO 9660 images with it (it
 * recognises {@code CD001} at byte 32769 and declines anything else), and URIs {@code iso9660:file:///x.iso!/path}
 * name files inside them. Registered in {@code META-INF/services}.
 */
public final class Iso9660FileSystemProvider extends ImageFileSystemProvider {
    /** Used when the provider is not installed (the class path lacks the service entry). */
    static final Iso9660FileSystemProvider FALLBACK = new Iso9660FileSystemProvider();

    private static final long MAGIC_OFFSET = 32769;

    public Iso9660FileSystemProvider() {
        super("iso9660");
    }

    @Override
    protected boolean recognizes(ImageSource source) throws IOException {
        if (source.size() < MAGIC_OFFSET + 5) {
            return false;
        }
        ByteBuffer magic = ByteBuffer.allocate(5);
        while (magic.hasRemaining()) {
            if (source.read(magic, MAGIC_OFFSET + magic.position()) < 0) {
                return false;
            }
        }
        return new String(magic.array(), StandardCharsets.ISO_8859_1).equals("CD001");
    }

    @Override
    protected ImageFileSystem open(ImageSource source) throws IOException {
        return openIso(source);
    }

    Iso9660FileSystem openIso(ImageSource source) throws IOException {
        try {
            return new Iso9660FileSystem(this, IsoTree.open(source, true));
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }
}
