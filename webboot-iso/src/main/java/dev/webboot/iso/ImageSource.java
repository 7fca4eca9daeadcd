package dev.webboot.iso;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;

/**
 * Random-access, read-only bytes of an image: a file, a block device such as {@code /dev/pmem0}, a byte range of
 * another source (a squashfs inside an ISO), or any {@link SeekableByteChannel}.
 *
 * <p>Reads are positional, so one source may be shared by several readers and threads. Implementations are in
 * {@link ImageSources}.
 */
public interface ImageSource extends Closeable {

    /** The name used in messages: a path, or {@code outer.iso!/inner/path} for a range of another image. */
    String name();

    /** The number of bytes. */
    long size() throws IOException;

    /**
     * Reads up to {@code dst.remaining()} bytes starting at {@code position}.
     *
     * @return the number of bytes read, or -1 when {@code position} is at or past the end
     */
    int read(ByteBuffer dst, long position) throws IOException;

    /**
     * Reads exactly {@code dst.remaining()} bytes starting at {@code position}.
     *
     * @throws MalformedImageException if the source ends first
     */
    default void readFully(ByteBuffer dst, long position) throws IOException {
        long at = position;
        while (dst.hasRemaining()) {
            int n = read(dst, at);
            if (n < 0) {
                throw new MalformedImageException(name(), at, "unexpected end of image");
            }
            at += n;
        }
    }

    /** Opens a file or block device read-only. */
    static ImageSource open(Path path) throws IOException {
        return ImageSources.open(path);
    }
}
