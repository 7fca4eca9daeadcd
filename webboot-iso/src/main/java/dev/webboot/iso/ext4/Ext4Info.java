package dev.webboot.iso.ext4;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.internal.ext4.Ext4Superblock;
import java.io.IOException;
import java.time.Instant;

/**
 * What an ext2/3/4 image's superblock says about it.
 *
 * @param volumeName the label ({@code mkfs.ext4 -L}), {@code ""} when none
 * @param uuid the file system's UUID, 8-4-4-4-12 hex
 * @param blockSize bytes per block, 1 KiB to 64 KiB
 * @param blocks the number of blocks
 * @param inodes the number of inodes
 * @param inodeSize bytes per on-disk inode
 * @param compatFeatures the compatible feature word (has_journal 0x4, dir_index 0x20, ...)
 * @param incompatFeatures the incompatible feature word (filetype 0x2, extents 0x40, 64bit 0x80, flex_bg 0x200,
 *     inline_data 0x8000, ...)
 * @param roCompatFeatures the read-only-compatible feature word (sparse_super 0x1, huge_file 0x8, metadata_csum
 *     0x400, ...)
 * @param lastWriteTime when the file system was last written
 */
public record Ext4Info(
        String volumeName,
        String uuid,
        int blockSize,
        long blocks,
        long inodes,
        int inodeSize,
        long compatFeatures,
        long incompatFeatures,
        long roCompatFeatures,
        Instant lastWriteTime) {

    /**
     * Reads and checks the superblock of {@code source}.
     *
     * @throws dev.webboot.iso.MalformedImageException if it is not an ext2/3/4 superblock, its fields are
     *     inconsistent, or it names a feature that is not supported
     */
    public static Ext4Info read(ImageSource source) throws IOException {
        return of(Ext4Superblock.read(source));
    }

    /** Whether the image uses extents (ext4), rather than only classic block maps (ext2/ext3). */
    public boolean hasExtents() {
        return (incompatFeatures & Ext4Superblock.INCOMPAT_EXTENTS) != 0;
    }

    static Ext4Info of(Ext4Superblock sb) {
        return new Ext4Info(
                sb.volumeName(),
                sb.uuid(),
                sb.blockSize(),
                sb.blocksCount(),
                sb.inodesCount(),
                sb.inodeSize(),
                sb.compatFeatures(),
                sb.incompatFeatures(),
                sb.roCompatFeatures(),
                Instant.ofEpochSecond(sb.lastWriteTime()));
    }
}
