package dev.webboot.iso.internal.ext4;

import dev.webboot.iso.Fields;
import dev.webboot.iso.MalformedImageException;
import java.io.IOException;

/**
 * A file's extent tree, walked from the root in {@code i_block} for each run asked for. Every node's header is
 * checked (magic, entry counts against the node's room, depth one less than its parent's), entries must be in
 * order and every extent must lie inside the file system. The depth is capped, so a corrupt tree ends the walk.
 */
final class ExtentMapping implements BlockMapping {
    private static final int MAGIC = 0xF30A;
    private static final int MAX_DEPTH = 5;
    private static final int HEADER = 12;
    private static final int ENTRY = 12;
    private static final int MAX_INITIALIZED = 32768;

    private final Ext4Tree tree;
    private final Ext4Inode inode;

    ExtentMapping(Ext4Tree tree, Ext4Inode inode) {
        this.tree = tree;
        this.inode = inode;
    }

    @Override
    public BlockRun run(long block) throws IOException {
        Fields node = new Fields(tree.source().name(), inode.offset() + 0x28, inode.blockArea());
        long upper = Long.MAX_VALUE; // the first logical block this node's parent leaves to a later node
        int expectedDepth = -1;
        for (int level = 0; ; level++) {
            if (node.u16le(0) != MAGIC) {
                throw node.malformed(0, "inode " + inode.number() + " extent node has no 0xF30A magic");
            }
            int entries = node.u16le(2);
            int max = node.u16le(4);
            int depth = node.u16le(6);
            if (max > (node.length() - HEADER) / ENTRY || entries > max) {
                throw node.malformed(
                        2,
                        "inode " + inode.number() + " extent node claims " + entries + " of " + max + " entries in "
                                + node.length() + " bytes");
            }
            if (level == 0 ? depth > MAX_DEPTH : depth != expectedDepth) {
                throw node.malformed(6, "inode " + inode.number() + " extent node has depth " + depth);
            }
            if (depth == 0) {
                return leaf(node, entries, block, upper);
            }
            int chosen = -1;
            long previous = -1;
            for (int i = 0; i < entries; i++) {
                int at = HEADER + i * ENTRY;
                long first = node.u32le(at);
                if (first <= previous) {
                    throw node.malformed(at, "inode " + inode.number() + " extent index entries are out of order");
                }
                previous = first;
                if (first <= block) {
                    chosen = i;
                } else {
                    upper = Math.min(upper, first);
                    break;
                }
            }
            if (chosen < 0) {
                return BlockRun.zeros(block, gap(block, upper));
            }
            int at = HEADER + chosen * ENTRY;
            long child = node.u32le(at + 4) | (long) node.u16le(at + 8) << 32;
            byte[] data = tree.metadataBlock(child, node.offsetOf(at + 4), "extent tree");
            node = new Fields(tree.source().name(), child * tree.blockSize(), data);
            expectedDepth = depth - 1;
        }
    }

    private BlockRun leaf(Fields node, int entries, long block, long upper) throws MalformedImageException {
        long end = 0;
        for (int i = 0; i < entries; i++) {
            int at = HEADER + i * ENTRY;
            long first = node.u32le(at);
            int rawLength = node.u16le(at + 4);
            boolean unwritten = rawLength > MAX_INITIALIZED;
            long length = unwritten ? rawLength - MAX_INITIALIZED : rawLength;
            long physical = node.u32le(at + 8) | (long) node.u16le(at + 6) << 32;
            if (length == 0) {
                throw node.malformed(at + 4, "inode " + inode.number() + " has an empty extent");
            }
            if (first < end) {
                throw node.malformed(at, "inode " + inode.number() + " extents overlap or are out of order");
            }
            end = first + length;
            if (physical <= 0 || physical > tree.superblock().blocksCount() - length) {
                throw node.malformed(
                        at + 6,
                        "inode " + inode.number() + " extent of " + length + " blocks at block " + physical
                                + " lies outside the file system");
            }
            if (block < first) {
                return BlockRun.zeros(block, gap(block, Math.min(first, upper)));
            }
            if (block < end) {
                long offset = block - first;
                return unwritten
                        ? BlockRun.zeros(block, length - offset)
                        : new BlockRun(block, length - offset, physical + offset);
            }
        }
        return BlockRun.zeros(block, gap(block, upper));
    }

    private static long gap(long block, long upper) {
        return upper == Long.MAX_VALUE || upper <= block ? Long.MAX_VALUE : upper - block;
    }
}
