package dev.webboot.iso.internal.initramfs;

import java.io.IOException;
import java.io.InputStream;

/**
 * A stream of independently decoded blocks (the kernel's legacy lz4 and lzop framings): a subclass decodes one block
 * at a time and hands it over with {@link #deliver}; this class serves reads from it.
 */
abstract class BlockDecodingInputStream extends InputStream {
    private byte[] block = new byte[0];
    private int blockLength;
    private int blockPosition;
    private boolean finished;

    /** Decodes the next non-empty block and {@link #deliver}s it; false at the end of the stream. */
    protected abstract boolean nextBlock() throws IOException;

    /** The bytes {@code block[0, length)} are the next ones to read. */
    protected final void deliver(byte[] decoded, int length) {
        this.block = decoded;
        this.blockLength = length;
        this.blockPosition = 0;
    }

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (blockPosition >= blockLength) {
            if (finished || !nextBlock()) {
                finished = true;
                return -1;
            }
        }
        int n = Math.min(len, blockLength - blockPosition);
        System.arraycopy(block, blockPosition, b, off, n);
        blockPosition += n;
        return n;
    }
}
