package dev.webboot.iso.internal.ext4;

import dev.webboot.iso.Fields;
import dev.webboot.iso.ImageSource;
import dev.webboot.iso.MalformedImageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The 1024-byte ext2/3/4 superblock at byte 1024, validated: magic, block and inode geometry, the feature words (an
 * incompatible feature this reader does not understand refuses the image), and the block count against the image's
 * size.
 *
 * @param blockSize bytes per block, 1 KiB to 64 KiB
 * @param blocksCount blocks in the file system (the image holds at least this many)
 * @param inodesCount inodes in the file system
 * @param firstDataBlock the block holding the superblock: 1 for 1 KiB blocks, else 0
 * @param blocksPerGroup blocks per block group
 * @param inodesPerGroup inodes per block group
 * @param groupCount block groups
 * @param inodeSize bytes per on-disk inode (128 for revision 0)
 * @param revision 0 (original ext2) or 1 (dynamic inode sizes and features)
 * @param descriptorSize bytes per group descriptor: 32, or 64 and up with the 64bit feature
 * @param firstMetaBg the first meta block group, meaningful with meta_bg
 * @param backupGroup0 with sparse_super2, the first group holding a superblock backup (0: none)
 * @param backupGroup1 with sparse_super2, the second one
 * @param uuid the file system's UUID, 8-4-4-4-12 hex
 */
public record Ext4Superblock(
        int blockSize,
        long blocksCount,
        long inodesCount,
        long firstDataBlock,
        long blocksPerGroup,
        long inodesPerGroup,
        long groupCount,
        int inodeSize,
        int revision,
        int descriptorSize,
        long firstMetaBg,
        long compatFeatures,
        long incompatFeatures,
        long roCompatFeatures,
        long backupGroup0,
        long backupGroup1,
        String volumeName,
        String uuid,
        long lastWriteTime,
        long creationTime) {

    public static final long OFFSET = 1024;
    public static final int SIZE = 1024;
    public static final int MAGIC = 0xEF53;
    /** Absolute offset of the magic number, used by format recognition. */
    public static final long MAGIC_OFFSET = OFFSET + 0x38;

    public static final long COMPAT_SPARSE_SUPER2 = 0x200;

    public static final long INCOMPAT_COMPRESSION = 0x1;
    public static final long INCOMPAT_FILETYPE = 0x2;
    public static final long INCOMPAT_RECOVER = 0x4;
    public static final long INCOMPAT_JOURNAL_DEV = 0x8;
    public static final long INCOMPAT_META_BG = 0x10;
    public static final long INCOMPAT_EXTENTS = 0x40;
    public static final long INCOMPAT_64BIT = 0x80;
    public static final long INCOMPAT_MMP = 0x100;
    public static final long INCOMPAT_FLEX_BG = 0x200;
    public static final long INCOMPAT_EA_INODE = 0x400;
    public static final long INCOMPAT_DIRDATA = 0x1000;
    public static final long INCOMPAT_CSUM_SEED = 0x2000;
    public static final long INCOMPAT_LARGEDIR = 0x4000;
    public static final long INCOMPAT_INLINE_DATA = 0x8000;
    public static final long INCOMPAT_ENCRYPT = 0x10000;
    public static final long INCOMPAT_CASEFOLD = 0x20000;

    /**
     * The incompatible features this reader handles. Journal recovery pending ({@code needs_recovery}) is read as
     * the file system stands, without replaying the journal; {@code casefold} names are shown as stored.
     */
    static final long INCOMPAT_SUPPORTED = INCOMPAT_FILETYPE
            | INCOMPAT_RECOVER
            | INCOMPAT_META_BG
            | INCOMPAT_EXTENTS
            | INCOMPAT_64BIT
            | INCOMPAT_MMP
            | INCOMPAT_FLEX_BG
            | INCOMPAT_EA_INODE
            | INCOMPAT_CSUM_SEED
            | INCOMPAT_LARGEDIR
            | INCOMPAT_INLINE_DATA
            | INCOMPAT_CASEFOLD;

    public static final long RO_COMPAT_SPARSE_SUPER = 0x1;
    public static final long RO_COMPAT_GDT_CSUM = 0x10;
    public static final long RO_COMPAT_BIGALLOC = 0x200;
    public static final long RO_COMPAT_METADATA_CSUM = 0x400;

    private static final int MAX_LOG_BLOCK_SIZE = 6; // 64 KiB
    private static final int MAX_LOG_CLUSTER_RATIO = 16;

    /** Reads and validates the superblock of {@code source}. */
    public static Ext4Superblock read(ImageSource source) throws IOException {
        long imageSize = source.size();
        if (imageSize < OFFSET + SIZE) {
            throw new MalformedImageException(
                    source.name(), 0, "image of " + imageSize + " bytes is too small for an ext2/3/4 superblock");
        }
        byte[] raw = new byte[SIZE];
        source.readFully(ByteBuffer.wrap(raw), OFFSET);
        Fields f = new Fields(source.name(), OFFSET, raw);
        if (f.u16le(0x38) != MAGIC) {
            throw f.malformed(0x38, "not an ext2/3/4 image (no 0xEF53 magic)");
        }
        long logBlockSize = f.u32le(0x18);
        if (logBlockSize > MAX_LOG_BLOCK_SIZE) {
            throw f.malformed(0x18, "block size 2^(10+" + logBlockSize + ") is larger than 64 KiB");
        }
        int blockSize = 1024 << logBlockSize;
        int revision = (int) Math.min(f.u32le(0x4C), Integer.MAX_VALUE);
        if (revision > 1) {
            throw f.malformed(0x4C, "revision " + revision + " is not supported (0 or 1)");
        }
        long incompat = revision == 0 ? 0 : f.u32le(0x60);
        long compat = revision == 0 ? 0 : f.u32le(0x5C);
        long roCompat = revision == 0 ? 0 : f.u32le(0x64);
        checkFeatures(f, incompat);
        int inodeSize = revision == 0 ? 128 : f.u16le(0x58);
        if (inodeSize < 128 || inodeSize > blockSize || Integer.bitCount(inodeSize) != 1) {
            throw f.malformed(0x58, "inode size " + inodeSize + " is not a power of two from 128 to the block size");
        }
        long blocksCount = f.u32le(0x4);
        boolean is64 = (incompat & INCOMPAT_64BIT) != 0;
        if (is64) {
            blocksCount |= f.u32le(0x150) << 32;
        }
        long firstDataBlock = f.u32le(0x14);
        if (firstDataBlock > 1 || (firstDataBlock == 1 && blockSize != 1024)) {
            throw f.malformed(0x14, "first data block " + firstDataBlock + " with " + blockSize + "-byte blocks");
        }
        if (blocksCount <= firstDataBlock || blocksCount > imageSize / blockSize) {
            throw f.malformed(
                    0x4,
                    "block count " + blocksCount + " of " + blockSize + "-byte blocks does not fit in the " + imageSize
                            + "-byte image");
        }
        long clusterRatio = 1;
        if ((roCompat & RO_COMPAT_BIGALLOC) != 0) {
            long logClusterSize = f.u32le(0x1C);
            if (logClusterSize < logBlockSize || logClusterSize > logBlockSize + MAX_LOG_CLUSTER_RATIO) {
                throw f.malformed(
                        0x1C, "cluster size 2^(10+" + logClusterSize + ") with " + blockSize + "-byte blocks");
            }
            clusterRatio = 1L << (logClusterSize - logBlockSize);
        }
        long blocksPerGroup = f.u32le(0x20);
        long maxBlocksPerGroup = 8L * blockSize * clusterRatio;
        if (blocksPerGroup < 8 || blocksPerGroup > maxBlocksPerGroup) {
            throw f.malformed(0x20, "blocks per group " + blocksPerGroup + " is outside 8.." + maxBlocksPerGroup);
        }
        long inodesPerGroup = f.u32le(0x28);
        if (inodesPerGroup < 1 || inodesPerGroup > 8L * blockSize) {
            throw f.malformed(0x28, "inodes per group " + inodesPerGroup + " is outside 1.." + 8L * blockSize);
        }
        long inodesCount = f.u32le(0x0);
        long groupCount = (blocksCount - firstDataBlock + blocksPerGroup - 1) / blocksPerGroup;
        if ((roCompat & RO_COMPAT_BIGALLOC) == 0 && inodesCount != groupCount * inodesPerGroup) {
            throw f.malformed(
                    0x0,
                    "inode count " + inodesCount + " is not " + groupCount + " groups of " + inodesPerGroup
                            + " inodes");
        }
        if (inodesCount < 2 || inodesCount % inodesPerGroup != 0) {
            throw f.malformed(0x0, "inode count " + inodesCount + " is not a whole number of groups");
        }
        groupCount = inodesCount / inodesPerGroup;
        int descriptorSize = 32;
        if (is64) {
            descriptorSize = f.u16le(0xFE);
            if (descriptorSize < 64 || descriptorSize > 1024 || Integer.bitCount(descriptorSize) != 1) {
                throw f.malformed(
                        0xFE, "group descriptor size " + descriptorSize + " is not a power of two from 64 to 1024");
            }
        }
        if ((roCompat & RO_COMPAT_BIGALLOC) != 0 && (incompat & INCOMPAT_META_BG) != 0) {
            throw f.malformed(0x60, "bigalloc together with meta_bg is not supported");
        }
        String volumeName = cString(f.bytes(0x78, 16));
        return new Ext4Superblock(
                blockSize,
                blocksCount,
                inodesCount,
                firstDataBlock,
                blocksPerGroup,
                inodesPerGroup,
                groupCount,
                inodeSize,
                revision,
                descriptorSize,
                f.u32le(0x104),
                compat,
                incompat,
                roCompat,
                f.u32le(0x24C),
                f.u32le(0x250),
                volumeName,
                uuid(f.bytes(0x68, 16)),
                f.u32le(0x30),
                f.u32le(0x108));
    }

    private static void checkFeatures(Fields f, long incompat) throws MalformedImageException {
        if ((incompat & INCOMPAT_ENCRYPT) != 0) {
            throw f.malformed(0x60, "encrypted ext4 file systems are not supported");
        }
        if ((incompat & INCOMPAT_COMPRESSION) != 0) {
            throw f.malformed(0x60, "ext2 compression is not supported");
        }
        if ((incompat & INCOMPAT_JOURNAL_DEV) != 0) {
            throw f.malformed(0x60, "an external journal device holds no files");
        }
        if ((incompat & INCOMPAT_DIRDATA) != 0) {
            throw f.malformed(0x60, "directory entries with extra data (dirdata) are not supported");
        }
        long unknown = incompat & ~INCOMPAT_SUPPORTED;
        if (unknown != 0) {
            throw f.malformed(0x60, "unsupported incompatible features 0x" + Long.toHexString(unknown));
        }
    }

    /** The UUID in its usual 8-4-4-4-12 hex form. */
    private static String uuid(byte[] b) {
        StringBuilder text = new StringBuilder(36);
        for (int i = 0; i < b.length; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                text.append('-');
            }
            text.append(String.format("%02x", b[i] & 0xff));
        }
        return text.toString();
    }

    private static String cString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    public boolean hasIncompat(long feature) {
        return (incompatFeatures & feature) != 0;
    }

    public boolean hasRoCompat(long feature) {
        return (roCompatFeatures & feature) != 0;
    }

    public boolean hasCompat(long feature) {
        return (compatFeatures & feature) != 0;
    }

    /** Whether group descriptors say which inodes are unused (uninit_bg or metadata_csum). */
    boolean groupsTrackUnusedInodes() {
        return hasRoCompat(RO_COMPAT_GDT_CSUM) || hasRoCompat(RO_COMPAT_METADATA_CSUM);
    }

    /** Whether block group {@code group} starts with a superblock backup (and so descriptor copies). */
    boolean hasSuperblock(long group) {
        if (group == 0) {
            return true;
        }
        if (hasCompat(COMPAT_SPARSE_SUPER2)) {
            return group == backupGroup0 || group == backupGroup1;
        }
        if (group == 1 || !hasRoCompat(RO_COMPAT_SPARSE_SUPER)) {
            return true;
        }
        return isPowerOf(group, 3) || isPowerOf(group, 5) || isPowerOf(group, 7);
    }

    private static boolean isPowerOf(long n, int base) {
        long p = base;
        while (p < n) {
            p *= base;
        }
        return p == n;
    }
}
