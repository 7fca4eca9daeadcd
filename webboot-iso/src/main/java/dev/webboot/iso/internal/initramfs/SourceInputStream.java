package dev.webboot.iso.internal.initramfs;

import dev.webboot.iso.ImageSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * A buffered stream over {@code [start, end)} of an {@link ImageSource} that knows exactly which byte it hands out
 * next, so a decoder's consumption ends a segment at the right offset, and can {@link #seek} back over bytes a
 * decoder read ahead.
 */
public final class SourceInputStream extends InputStream {
    private static final int BUFFER = 64 * 1024;

    private final ImageSource source;
    private final long end;
    private final byte[] buffer = new byte[BUFFER];
    private final ByteBuffer view = ByteBuffer.wrap(buffer);
    /** The source offset of {@code buffer[0]}. */
    private long bufferStart;

    private int bufferLength;
    private int bufferPosition;

    public SourceInputStream(ImageSource source, long start, long end) {
        this.source = source;
        this.end = end;
        this.bufferStart = start;
    }

    /** The source offset of the next byte {@link #read()} returns. */
    public long position() {
        return bufferStart + bufferPosition;
    }

    /** The offset where this stream ends. */
    public long end() {
        return end;
    }

    /** The number of bytes left before {@link #end()}. */
    public long remaining() {
        return end - position();
    }

    /** Continues reading at {@code position}. */
    public void seek(long position) {
        if (position >= bufferStart && position <= bufferStart + bufferLength) {
            bufferPosition = (int) (position - bufferStart);
        } else {
            bufferStart = position;
            bufferLength = 0;
            bufferPosition = 0;
        }
    }

    private boolean fill() throws IOException {
        long at = position();
        if (at >= end) {
            return false;
        }
        bufferStart = at;
        bufferPosition = 0;
        bufferLength = 0;
        view.clear();
        view.limit((int) Math.min(BUFFER, end - at));
        int n = source.read(view, at);
        if (n <= 0) {
            return false;
        }
        bufferLength = n;
        return true;
    }

    @Override
    public int read() throws IOException {
        if (bufferPosition >= bufferLength && !fill()) {
            return -1;
        }
        return buffer[bufferPosition++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (bufferPosition >= bufferLength && !fill()) {
            return -1;
        }
        int n = Math.min(len, bufferLength - bufferPosition);
        System.arraycopy(buffer, bufferPosition, b, off, n);
        bufferPosition += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skip = Math.max(0, Math.min(n, remaining()));
        seek(position() + skip);
        return skip;
    }

    @Override
    public int available() {
        return bufferLength - bufferPosition;
    }

    /** Does not close the source, which belongs to the caller. */
    @Override
    public void close() {}
}
