package dev.webboot.iso.internal.squashfs;

import dev.webboot.iso.MalformedImageException;
import dev.webboot.iso.internal.io.ReadOnlyChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A regular file's content, decoded one block at a time as it is read: memory is one block and its compressed form,
 * plus a checkpoint every {@value #CHECKPOINT_EVERY} blocks so that seeking back does not rescan the block list.
 */
final class FileDataChannel extends ReadOnlyChannel {
    private static final int CHECKPOINT_EVERY = 1024;

    private final SquashfsTree tree;
    private final SquashfsNode node;
    private final SquashfsNode.Layout.File layout;
    private final int blockSize;

    // The decoded block that holds the bytes last read.
    private long loadedBlock = -1;
    private byte[] data;
    private int dataOffset;
    private int dataLength;
    private byte[] own;
    private byte[] scratch;

    // Where the block-size list is being read: the entry of block listIndex, and that block's disk position.
    private MetadataCursor list;
    private long listIndex;
    private long listDiskPosition;
    // Checkpoint k: block k * CHECKPOINT_EVERY's list cursor (block position, offset) and disk position.
    private final List<long[]> checkpoints = new ArrayList<>();

    FileDataChannel(SquashfsTree tree, SquashfsNode node, SquashfsNode.Layout.File layout) {
        this.tree = tree;
        this.node = node;
        this.layout = layout;
        this.blockSize = tree.blockSize();
    }

    @Override
    protected int readAt(ByteBuffer dst, long at) throws IOException {
        long position = at;
        long size = node.size();
        if (position >= size) {
            return -1;
        }
        int total = 0;
        while (dst.hasRemaining() && position < size) {
            long block = position / blockSize;
            if (block != loadedBlock) {
                load(block);
            }
            int within = (int) (position - block * blockSize);
            int n = Math.min(dst.remaining(), dataLength - within);
            dst.put(data, dataOffset + within, n);
            position += n;
            total += n;
        }
        return total;
    }

    private void load(long block) throws IOException {
        long size = node.size();
        int expected = (int) Math.min(blockSize, size - block * blockSize);
        if (block < layout.blockCount()) {
            if (own == null) {
                // A file smaller than a block needs no more than its size (most files of a root file system).
                own = new byte[(int) Math.min(blockSize, size)];
            }
            long[] entry = locate(block);
            scratch = tree.readDataBlock(entry[0], entry[1], own, expected, scratch);
            data = own;
            dataOffset = 0;
        } else {
            // The tail of the file is packed into a fragment block shared with other files.
            byte[] fragment = tree.fragmentBlock(layout.fragment());
            if (layout.fragmentOffset() > fragment.length - expected) {
                throw new MalformedImageException(
                        tree.source().name(),
                        layout.blocksStart(),
                        node.name() + ": tail of " + expected + " bytes at offset " + layout.fragmentOffset()
                                + " does not fit in its " + fragment.length + "-byte fragment");
            }
            data = fragment;
            dataOffset = layout.fragmentOffset();
        }
        dataLength = expected;
        loadedBlock = block;
    }

    /** The disk position and size word of block {@code block}, reading the block list forward from a checkpoint. */
    private long[] locate(long block) throws IOException {
        if (list == null || block < listIndex) {
            int k = (int) Math.min(block / CHECKPOINT_EVERY, checkpoints.size() - 1L);
            if (k < 0) {
                list = tree.blockList(layout);
                listIndex = 0;
                listDiskPosition = layout.blocksStart();
                checkpoints.add(new long[] {list.blockPosition(), list.offset(), listDiskPosition});
            } else {
                long[] cp = checkpoints.get(k);
                list = tree.blockListAt(cp[0], (int) cp[1]);
                listIndex = (long) k * CHECKPOINT_EVERY;
                listDiskPosition = cp[2];
            }
        }
        while (true) {
            long word = list.u32();
            if (listIndex == block) {
                // Leave the cursor on this entry's successor, accounting for this block's bytes.
                long[] result = {listDiskPosition, word};
                advance(word);
                return result;
            }
            advance(word);
        }
    }

    private void advance(long word) throws IOException {
        listDiskPosition += word & 0xffffffL;
        listIndex++;
        if (listIndex % CHECKPOINT_EVERY == 0
                && listIndex / CHECKPOINT_EVERY == checkpoints.size()
                && listIndex < layout.blockCount()) {
            checkpoints.add(new long[] {list.blockPosition(), list.offset(), listDiskPosition});
        }
    }

    @Override
    protected long contentSize() {
        return node.size();
    }
}
