package dev.webboot.iso.internal.initramfs;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Exactly one gzip member (RFC 1952), as the kernel's {@code gunzip} reads one per segment. Unlike {@link
 * java.util.zip.GZIPInputStream} it neither reads on into a following member nor leaves its input past the trailer:
 * bytes the inflater did not use are handed back with {@link SourceInputStream#seek}. The CRC-32 and length in the
 * trailer are checked.
 */
final class GzipMemberInputStream extends InputStream {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final SourceInputStream in;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] input = new byte[64 * 1024];
    private long produced;
    private boolean finished;

    GzipMemberInputStream(SourceInputStream in) throws IOException {
        this.in = in;
        int id1 = u8();
        int id2 = u8();
        if (id1 != 0x1f || (id2 != 0x8b && id2 != 0x9e)) {
            throw new IOException("not a gzip member");
        }
        int method = u8();
        if (method != 8) {
            throw new IOException("gzip compression method " + method + " is not deflate");
        }
        int flags = u8();
        for (int i = 0; i < 6; i++) {
            u8(); // mtime, extra flags, OS
        }
        if ((flags & FEXTRA) != 0) {
            int length = u8() | u8() << 8;
            for (int i = 0; i < length; i++) {
                u8();
            }
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            u8();
            u8();
        }
    }

    private void skipZeroTerminated() throws IOException {
        // A name or comment is not a length we allocate for; it only has to end before the image does.
        while (u8() != 0) {
            // keep going
        }
    }

    private int u8() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("gzip data ends early");
        }
        return b;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (finished) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        try {
            while (true) {
                int n = inflater.inflate(b, off, len);
                if (n > 0) {
                    crc.update(b, off, n);
                    produced += n;
                    return n;
                }
                if (inflater.finished()) {
                    finish();
                    return -1;
                }
                if (inflater.needsDictionary()) {
                    throw new IOException("gzip data asks for a preset dictionary");
                }
                if (inflater.needsInput()) {
                    int r = in.read(input, 0, input.length);
                    if (r < 0) {
                        throw new EOFException("gzip data ends early");
                    }
                    inflater.setInput(input, 0, r);
                }
            }
        } catch (DataFormatException e) {
            throw new IOException("gzip data is corrupt: " + e.getMessage(), e);
        }
    }

    private void finish() throws IOException {
        finished = true;
        in.seek(in.position() - inflater.getRemaining());
        long expectedCrc = u32le();
        long expectedSize = u32le();
        if (expectedCrc != crc.getValue()) {
            throw new IOException("gzip CRC-32 mismatch");
        }
        if (expectedSize != (produced & 0xffffffffL)) {
            throw new IOException("gzip length mismatch");
        }
        inflater.end();
    }

    private long u32le() throws IOException {
        return u8() | (long) u8() << 8 | (long) u8() << 16 | (long) u8() << 24;
    }

    @Override
    public void close() {
        inflater.end();
    }
}
