package dev.webboot.iso.internal.initramfs;

import java.io.IOException;
import java.io.InputStream;

/** Counts what a decoder produces and fails once the whole initrd's decompressed bytes pass the limit. */
final class BudgetInputStream extends InputStream {
    /** Thrown when the limit is passed. */
    static final class ExceededException extends IOException {
        private static final long serialVersionUID = 1L;

        ExceededException(String message) {
            super(message);
        }
    }

    private final InputStream in;
    private final long[] used;
    private final long limit;

    /** {@code used[0]} is shared by every segment of one scan. */
    BudgetInputStream(InputStream in, long[] used, long limit) {
        this.in = in;
        this.used = used;
        this.limit = limit;
    }

    private void count(long n) throws ExceededException {
        used[0] += n;
        if (used[0] > limit) {
            throw new ExceededException("decompressed data exceeds the limit of " + limit + " bytes");
        }
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }
}
