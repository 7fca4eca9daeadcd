package dev.webboot.iso.internal.squashfs;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.MalformedImageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A squashfs table of fixed-size entries (fragments, ids, xattr ids) stored in metadata blocks, located through an
 * on-disk array of 64-bit block positions. Pointers are read on demand, so a table's size never sits in the heap.
 */
final class LookupTable {
    private final ImageSource source;
    private final MetadataReader metadata;
    private final String what;
    private final long indexStart;
    private final long count;
    private final int entrySize;

    LookupTable(
            ImageSource source,
            MetadataReader metadata,
            String what,
            long indexStart,
            long count,
            int entrySize,
            long bytesUsed)
            throws MalformedImageException {
        this.source = source;
        this.metadata = metadata;
        this.what = what;
        this.indexStart = indexStart;
        this.count = count;
        this.entrySize = entrySize;
        long blocks = (count * entrySize + MetadataReader.BLOCK_SIZE - 1) / MetadataReader.BLOCK_SIZE;
        if (indexStart < Superblock.SIZE || blocks * 8 > bytesUsed - indexStart) {
            throw new MalformedImageException(
                    source.name(),
                    indexStart,
                    what + " index of " + blocks + " block pointers runs past the image's " + bytesUsed
                            + " used bytes");
        }
    }

    long count() {
        return count;
    }

    /** A cursor at the start of entry {@code index}. */
    MetadataCursor entry(long index) throws IOException {
        if (index < 0 || index >= count) {
            throw new MalformedImageException(
                    source.name(), indexStart, what + " entry " + index + " does not exist (table has " + count + ")");
        }
        long byteOffset = index * entrySize;
        long pointerAt = indexStart + 8 * (byteOffset / MetadataReader.BLOCK_SIZE);
        ByteBuffer pointer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        source.readFully(pointer, pointerAt);
        long blockPosition = pointer.getLong(0);
        // A table's metadata blocks are written just before its index.
        if (blockPosition < Superblock.SIZE || blockPosition >= indexStart) {
            throw new MalformedImageException(
                    source.name(), pointerAt, what + " block pointer " + blockPosition + " lies outside the image");
        }
        return metadata.cursor(
                Superblock.SIZE, indexStart, blockPosition, (int) (byteOffset % MetadataReader.BLOCK_SIZE));
    }
}
