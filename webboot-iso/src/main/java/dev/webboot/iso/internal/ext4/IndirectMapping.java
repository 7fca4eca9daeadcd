package dev.webboot.iso.internal.ext4;

import dev.webboot.iso.MalformedImageException;
import java.io.IOException;

/**
 * The classic ext2/3 block map: twelve direct block numbers in {@code i_block}, then one indirect, one double- and
 * one triple-indirect block. Runs are the consecutive entries of one map block that are contiguous on disk, or
 * zero (a hole); a missing map block is a hole as long as the part of the file it would map.
 */
final class IndirectMapping implements BlockMapping {
    private static final int DIRECT = 12;

    private final Ext4Tree tree;
    private final Ext4Inode inode;
    private final int perBlock;

    IndirectMapping(Ext4Tree tree, Ext4Inode inode) {
        this.tree = tree;
        this.inode = inode;
        this.perBlock = tree.blockSize() / 4;
    }

    @Override
    public BlockRun run(long block) throws IOException {
        if (block < DIRECT) {
            return entries(inode.blockArea(), (int) block, DIRECT, block, inode.offset() + 0x28);
        }
        long relative = block - DIRECT;
        long span = perBlock;
        for (int level = 1; level <= 3; level++) {
            if (relative < span) {
                int slot = DIRECT + level - 1;
                long pointer = Ext4Inode.u32(inode.blockArea(), slot * 4);
                return walk(pointer, inode.offset() + 0x28 + slot * 4L, level, span, relative, block);
            }
            relative -= span;
            span *= perBlock;
        }
        throw new MalformedImageException(
                tree.source().name(),
                inode.offset(),
                "inode " + inode.number() + " block " + block + " is beyond what a block map can address");
    }

    /** Descends from a map block that maps {@code span} blocks, {@code relative} of which come before {@code block}. */
    private BlockRun walk(long pointer, long pointerAt, int level, long span, long relative, long block)
            throws IOException {
        long offset = relative;
        long covered = span;
        for (int depth = level; ; depth--) {
            if (pointer == 0) {
                return BlockRun.zeros(block, covered - offset);
            }
            byte[] map = tree.metadataBlock(pointer, pointerAt, "indirect map");
            long childSpan = covered / perBlock;
            int index = (int) (offset / childSpan);
            long mapAt = pointer * tree.blockSize();
            if (depth == 1) {
                return entries(map, index, perBlock, block, mapAt);
            }
            pointer = Ext4Inode.u32(map, index * 4);
            pointerAt = mapAt + index * 4L;
            offset %= childSpan;
            covered = childSpan;
        }
    }

    /** The run starting at entry {@code index} of {@code count} block numbers in {@code map}. */
    private BlockRun entries(byte[] map, int index, int count, long block, long mapAt) throws MalformedImageException {
        long first = Ext4Inode.u32(map, index * 4);
        int n = 1;
        if (first == 0) {
            while (index + n < count && Ext4Inode.u32(map, (index + n) * 4) == 0) {
                n++;
            }
            return BlockRun.zeros(block, n);
        }
        while (index + n < count && Ext4Inode.u32(map, (index + n) * 4) == first + n) {
            n++;
        }
        if (first >= tree.superblock().blocksCount() - n + 1) {
            throw new MalformedImageException(
                    tree.source().name(),
                    mapAt + index * 4L,
                    "inode " + inode.number() + " maps to block " + first + ", outside the file system");
        }
        return new BlockRun(block, n, first);
    }
}
