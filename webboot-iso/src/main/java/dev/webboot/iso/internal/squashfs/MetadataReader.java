package dev.webboot.iso.internal.squashfs;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.MalformedImageException;
import dev.webboot.iso.internal.squashfs.codec.DecompressionException;
import dev.webboot.iso.internal.squashfs.codec.Decompressor;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads squashfs metadata blocks: a 16-bit header (on-disk length, bit 15 set when stored uncompressed) followed by at
 * most 8 KiB that decode to at most 8 KiB. Decoded blocks are kept in a fixed-size LRU cache.
 */
final class MetadataReader {
    static final int BLOCK_SIZE = 8192;
    private static final int CACHE_BLOCKS = 64;

    /** A decoded metadata block and the position of the block that follows it. */
    record Block(long position, byte[] data, long next) {}

    private final ImageSource source;
    private final Decompressor decompressor;
    private final long limit;
    private final LruCache<Long, Block> cache = new LruCache<>(CACHE_BLOCKS);

    MetadataReader(ImageSource source, Decompressor decompressor, long limit) {
        this.source = source;
        this.decompressor = decompressor;
        this.limit = limit;
    }

    String sourceName() {
        return source.name();
    }

    /** The metadata block whose header is at {@code position}. */
    Block block(long position) throws IOException {
        Block cached = cache.get(position);
        if (cached != null) {
            return cached;
        }
        Block block = decode(position);
        cache.put(position, block);
        return block;
    }

    private Block decode(long position) throws IOException {
        if (position < Superblock.SIZE || position > limit - 2) {
            throw new MalformedImageException(source.name(), position, "metadata block lies outside the image");
        }
        ByteBuffer header = ByteBuffer.allocate(2);
        source.readFully(header, position);
        int word = (header.get(0) & 0xff) | (header.get(1) & 0xff) << 8;
        int length = word & 0x7fff;
        boolean compressed = (word & 0x8000) == 0;
        if (length == 0 || length > BLOCK_SIZE) {
            throw new MalformedImageException(
                    source.name(), position, "metadata block length " + length + " is outside 1..8192");
        }
        long dataStart = position + 2;
        if (length > limit - dataStart) {
            throw new MalformedImageException(
                    source.name(), position, "metadata block of " + length + " bytes runs past the end of the image");
        }
        byte[] stored = new byte[length];
        source.readFully(ByteBuffer.wrap(stored), dataStart);
        byte[] data;
        if (compressed) {
            byte[] out = new byte[BLOCK_SIZE];
            int n;
            try {
                n = decompressor.decompress(stored, 0, length, out, BLOCK_SIZE);
            } catch (DecompressionException e) {
                throw new MalformedImageException(source.name(), position, "metadata block: " + e.getMessage());
            }
            data = n == BLOCK_SIZE ? out : java.util.Arrays.copyOf(out, n);
        } else {
            data = stored;
        }
        return new Block(position, data, dataStart + length);
    }

    /** A cursor at byte {@code offset} of the decoded block at {@code position}, bounded by {@code [start, end)}. */
    MetadataCursor cursor(long start, long end, long position, int offset) throws MalformedImageException {
        if (position < start || position >= end || offset < 0 || offset >= BLOCK_SIZE) {
            throw new MalformedImageException(
                    source.name(),
                    position,
                    "metadata reference (block " + position + ", offset " + offset + ") lies outside its table");
        }
        return new MetadataCursor(this, end, position, offset);
    }
}
