package dev.webboot.iso.internal.initramfs;

import dev.webboot.iso.initramfs.InitramfsMember;
import dev.webboot.iso.initramfs.InitramfsSegment;
import java.util.List;
import java.util.Map;

/**
 * What one scan of an initrd learned: its segments, every member in file order, where each member's data lies in
 * its segment's stream, and the tree the kernel would leave behind.
 *
 * @param dataOffsets for member {@code i}, the offset of its data in its segment's (decompressed) stream
 * @param tree the final state of each path, as the kernel's unpacker leaves it
 */
public record InitramfsIndex(
        List<InitramfsSegment> segments, List<InitramfsMember> members, long[] dataOffsets, Map<String, Node> tree) {

    /** The file behind a path: a shared inode for hard links. */
    public static final class Inode {
        /** The member whose data the inode holds last, or -1 when it is empty. */
        int dataMember;

        Inode(int dataMember) {
            this.dataMember = dataMember;
        }

        public int dataMember() {
            return dataMember;
        }
    }

    /**
     * A path's final state.
     *
     * @param member the last member that created this path (its metadata is what the kernel leaves)
     * @param inode for regular files, the inode whose data the path shows; null for other types
     */
    public record Node(int member, Inode inode) {}
}
