package dev.webboot.iso.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * The channel every image reader hands out: read-only, with its own position, over content that a subclass reads at
 * any position. Subclasses supply {@link #readAt} and {@link #contentSize}; this class keeps the position, refuses
 * writes and tracks closing, so that each format is only its decoding.
 */
public abstract class ReadOnlyChannel implements SeekableByteChannel {
    private long position;
    private boolean open = true;

    /**
     * Reads up to {@code dst.remaining()} bytes of the content starting at {@code at}, advancing {@code dst}.
     *
     * @return the number of bytes read, or -1 when {@code at} is at or past the end
     */
    protected abstract int readAt(ByteBuffer dst, long at) throws IOException;

    /** The content's length in bytes. */
    protected abstract long contentSize() throws IOException;

    /** Releases what the subclass holds; called once, by the first {@link #close()}. */
    protected void release() throws IOException {}

    @Override
    public final synchronized int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        int n = readAt(dst, position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public final int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public final synchronized long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public final synchronized SeekableByteChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public final long size() throws IOException {
        ensureOpen();
        return contentSize();
    }

    @Override
    public final SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public final synchronized boolean isOpen() {
        return open;
    }

    @Override
    public final synchronized void close() throws IOException {
        if (open) {
            open = false;
            release();
        }
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
