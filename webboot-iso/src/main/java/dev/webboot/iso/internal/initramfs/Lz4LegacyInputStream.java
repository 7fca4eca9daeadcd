package dev.webboot.iso.internal.initramfs;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lz4.Lz4Decompressor;
import java.io.EOFException;
import java.io.IOException;

/**
 * The legacy LZ4 format the kernel's {@code unlz4} reads ({@code lz4 -l}): the magic 0x184C2102, then blocks, each a
 * 32-bit little-endian compressed length and a raw LZ4 block that decodes to at most 8 MiB. A repeated magic is
 * skipped (concatenated files); the stream ends at the end of the image, at a zero length, or when fewer than four
 * bytes are left, exactly as the kernel decides.
 */
final class Lz4LegacyInputStream extends BlockDecodingInputStream {
    static final int MAGIC = 0x184C2102;
    private static final int MAX_BLOCK = 8 << 20;
    /** LZ4_compressBound(8 MiB). */
    private static final int MAX_COMPRESSED = MAX_BLOCK + MAX_BLOCK / 255 + 16;

    private final SourceInputStream in;
    private final Lz4Decompressor decompressor = new Lz4Decompressor();
    private byte[] compressed = new byte[0];
    private byte[] block = new byte[0];

    Lz4LegacyInputStream(SourceInputStream in) throws IOException {
        this.in = in;
        if (in.remaining() < 4 || u32le() != MAGIC) {
            throw new IOException("lz4 legacy magic missing");
        }
    }

    private int u32le() throws IOException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("lz4 data ends early");
            }
            value |= b << (8 * i);
        }
        return value;
    }

    @Override
    protected boolean nextBlock() throws IOException {
        while (true) {
            if (in.remaining() < 4) {
                return false;
            }
            long at = in.position();
            int length = u32le();
            if (length == MAGIC) {
                continue;
            }
            if (length == 0) {
                // The kernel stops before a zero length; the padding loop skips it.
                in.seek(at);
                return false;
            }
            if (length < 0 || length > MAX_COMPRESSED) {
                throw new IOException("lz4 block length " + Integer.toUnsignedString(length) + " exceeds the "
                        + MAX_COMPRESSED + " bytes an 8 MiB block can take");
            }
            if (length > in.remaining()) {
                throw new EOFException("lz4 block of " + length + " bytes runs past the end of the image");
            }
            if (compressed.length < length) {
                compressed = new byte[Math.max(length, Math.min(MAX_COMPRESSED, compressed.length * 2))];
            }
            int got = in.readNBytes(compressed, 0, length);
            if (got != length) {
                throw new EOFException("lz4 data ends early");
            }
            if (block.length == 0) {
                block = new byte[MAX_BLOCK];
            }
            int decoded;
            try {
                decoded = decompressor.decompress(compressed, 0, length, block, 0, MAX_BLOCK);
            } catch (MalformedInputException e) {
                throw new IOException("lz4 block is corrupt: " + e.getMessage(), e);
            }
            if (decoded > 0) {
                deliver(block, decoded);
                return true;
            }
        }
    }
}
