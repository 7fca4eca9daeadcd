package dev.webboot.pmem;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A fixed-size, randomly writable run of bytes: a block device such as {@code /dev/pmem0}, or a plain file standing
 * in for one. Implementations are in {@link BlockDevices}.
 */
public interface BlockDevice extends Closeable {

    /** The name used in messages (the path). */
    String name();

    /** The capacity in bytes; writes never go past it. */
    long size();

    /**
     * Writes all of {@code src} at {@code position}.
     *
     * @throws IOException when the bytes would go past {@link #size()}, or the write fails
     */
    void write(ByteBuffer src, long position) throws IOException;

    /**
     * Reads up to {@code dst.remaining()} bytes from {@code position}.
     *
     * @return the number of bytes read, -1 at or past the end
     */
    int read(ByteBuffer dst, long position) throws IOException;

    /** Makes every written byte durable on the device ({@code fsync}). */
    void flush() throws IOException;
}
