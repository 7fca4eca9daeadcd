package dev.webboot.iso.internal.initramfs;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes on exactly one zstd frame and then reports the end of the stream, by following the frame's own structure
 * (header, block headers, checksum) as the bytes go by. The kernel's {@code unzstd} also decodes one frame per
 * segment; aircompressor's stream would otherwise read on into the next segment. The window size is capped so that a
 * header cannot make the decoder allocate more than {@link #MAX_WINDOW} bytes.
 */
final class ZstdFrameLimiter extends InputStream {
    static final int MAGIC = 0xFD2FB528;
    /** 128 MiB, the zstd tool's own default limit for decoding ({@code --memory=128MB}). */
    static final long MAX_WINDOW = 128L << 20;

    private final SourceInputStream in;
    /** Bytes of the current structure already known to belong to the frame and not yet passed on. */
    private long passThrough;

    private boolean checksum;
    private boolean lastBlockSeen;
    private boolean done;

    ZstdFrameLimiter(SourceInputStream in) throws IOException {
        this.in = in;
        long start = in.position();
        if (u8() != 0x28 || u8() != 0xB5 || u8() != 0x2F || u8() != 0xFD) {
            throw new IOException("zstd magic missing");
        }
        int descriptor = u8();
        int contentSizeFlag = descriptor >>> 6;
        boolean singleSegment = (descriptor & 0x20) != 0;
        if ((descriptor & 0x08) != 0) {
            throw new IOException("zstd frame header sets a reserved bit");
        }
        checksum = (descriptor & 0x04) != 0;
        int dictionaryIdLength = new int[] {0, 1, 2, 4}[descriptor & 3];
        int contentSizeLength = new int[] {singleSegment ? 1 : 0, 2, 4, 8}[contentSizeFlag];
        long window = 0;
        if (!singleSegment) {
            int windowDescriptor = u8();
            int exponent = windowDescriptor >>> 3;
            int mantissa = windowDescriptor & 7;
            long base = 1L << (10 + exponent);
            window = base + (base / 8) * mantissa;
        }
        for (int i = 0; i < dictionaryIdLength; i++) {
            u8();
        }
        long contentSize = 0;
        for (int i = 0; i < contentSizeLength; i++) {
            contentSize |= (long) u8() << (8 * i);
        }
        if (contentSizeLength == 2) {
            contentSize += 256;
        }
        if (singleSegment) {
            window = contentSize;
        }
        if (window < 0 || window > MAX_WINDOW) {
            throw new IOException("zstd window of " + Long.toUnsignedString(window) + " bytes exceeds " + MAX_WINDOW);
        }
        // Hand the header to the decoder: re-read it from the start.
        passThrough = in.position() - start;
        in.seek(start);
    }

    private int u8() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("zstd data ends early");
        }
        return b;
    }

    /** Makes {@link #passThrough} positive, parsing the next block header, or returns false at the frame's end. */
    private boolean advance() throws IOException {
        while (passThrough == 0) {
            if (done) {
                return false;
            }
            if (lastBlockSeen) {
                done = true;
                passThrough = checksum ? 4 : 0;
                if (passThrough > in.remaining()) {
                    throw new EOFException("zstd checksum runs past the end of the image");
                }
                continue;
            }
            long at = in.position();
            int header = u8() | u8() << 8 | u8() << 16;
            in.seek(at);
            lastBlockSeen = (header & 1) != 0;
            int type = (header >>> 1) & 3;
            int size = header >>> 3;
            long body =
                    switch (type) {
                        case 0, 2 -> size;
                        case 1 -> 1;
                        default -> throw new IOException("zstd block of reserved type 3");
                    };
            if (size > 128 * 1024) {
                throw new IOException("zstd block of " + size + " bytes exceeds 128 KiB");
            }
            passThrough = 3 + body;
            if (passThrough > in.remaining()) {
                throw new EOFException("zstd block runs past the end of the image");
            }
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        if (!advance()) {
            return -1;
        }
        int b = u8();
        passThrough--;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!advance()) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, passThrough));
        if (n < 0) {
            throw new EOFException("zstd data ends early");
        }
        passThrough -= n;
        return n;
    }
}
