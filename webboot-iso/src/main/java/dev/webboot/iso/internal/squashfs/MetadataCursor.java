package dev.webboot.iso.internal.squashfs;

import dev.webboot.iso.MalformedImageException;
import java.io.IOException;

/**
 * Reads little-endian fields from a stream of metadata blocks, crossing block boundaries, and never past the end of
 * the table it was opened on. Errors name the header offset of the metadata block being read.
 */
final class MetadataCursor {
    private final MetadataReader reader;
    private final long end;
    private long blockPosition;
    private int offset;
    private MetadataReader.Block block;

    MetadataCursor(MetadataReader reader, long end, long blockPosition, int offset) {
        this.reader = reader;
        this.end = end;
        this.blockPosition = blockPosition;
        this.offset = offset;
    }

    /** The header offset of the block the next byte comes from (after moving to it if the current one is used up). */
    long blockPosition() throws IOException {
        settle();
        return blockPosition;
    }

    /** The offset of the next byte in its decoded block. */
    int offset() throws IOException {
        settle();
        return offset;
    }

    MalformedImageException malformed(String problem) {
        return new MalformedImageException(reader.sourceName(), blockPosition, problem);
    }

    /** Loads the current block, moving on to the next one while the current one has no bytes left. */
    private void settle() throws IOException {
        while (true) {
            if (block == null || block.position() != blockPosition) {
                block = reader.block(blockPosition);
            }
            if (offset < block.data().length) {
                return;
            }
            if (offset > block.data().length) {
                throw malformed(
                        "metadata offset " + offset + " lies past the end of a " + block.data().length + "-byte block");
            }
            if (block.next() >= end) {
                throw malformed("metadata runs past the end of its table");
            }
            blockPosition = block.next();
            offset = 0;
        }
    }

    void read(byte[] dst, int dstOffset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            settle();
            int n = Math.min(length - done, block.data().length - offset);
            System.arraycopy(block.data(), offset, dst, dstOffset + done, n);
            offset += n;
            done += n;
        }
    }

    byte[] bytes(int length) throws IOException {
        byte[] out = new byte[length];
        read(out, 0, length);
        return out;
    }

    void skip(long length) throws IOException {
        long left = length;
        while (left > 0) {
            settle();
            int n = (int) Math.min(left, block.data().length - offset);
            offset += n;
            left -= n;
        }
    }

    int u8() throws IOException {
        settle();
        return block.data()[offset++] & 0xff;
    }

    int u16() throws IOException {
        return u8() | u8() << 8;
    }

    long u32() throws IOException {
        return (u16() & 0xffffL) | (u16() & 0xffffL) << 16;
    }

    long s64() throws IOException {
        return u32() | u32() << 32;
    }
}
