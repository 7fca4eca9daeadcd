package dev.webboot.iso.internal.ext4;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.MalformedImageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metadata blocks read last (group descriptors, inode tables, extent nodes, indirect blocks, directory blocks),
 * so that walking a directory or a file's mapping does not read the same block again and again. Bounded by a fixed
 * number of blocks; file contents never pass through it.
 */
final class BlockCache {
    private static final int CAPACITY = 64;

    private final ImageSource source;
    private final int blockSize;
    private final long blocksCount;
    private final Map<Long, byte[]> blocks = new LinkedHashMap<>(CAPACITY * 2, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > CAPACITY;
        }
    };

    BlockCache(ImageSource source, int blockSize, long blocksCount) {
        this.source = source;
        this.blockSize = blockSize;
        this.blocksCount = blocksCount;
    }

    /**
     * Block {@code number}, which must lie inside the file system; the array is shared and must not be changed.
     *
     * @param referencedAt the absolute offset of the field that named the block, for the message when it is invalid
     */
    byte[] block(long number, long referencedAt, String what) throws IOException {
        if (number <= 0 || number >= blocksCount) {
            throw new MalformedImageException(
                    source.name(),
                    referencedAt,
                    what + " block " + number + " lies outside the file system's " + blocksCount + " blocks");
        }
        synchronized (blocks) {
            byte[] cached = blocks.get(number);
            if (cached != null) {
                return cached;
            }
        }
        byte[] data = new byte[blockSize];
        source.readFully(ByteBuffer.wrap(data), number * blockSize);
        synchronized (blocks) {
            blocks.put(number, data);
        }
        return data;
    }
}
