package dev.webboot.iso.internal.ext4;

import dev.webboot.iso.Fields;
import dev.webboot.iso.MalformedImageException;
import dev.webboot.iso.internal.fs.NodeType;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * One on-disk inode, decoded: what {@code stat(2)} reports plus what is needed to find its data.
 *
 * @param number the inode number (1-based)
 * @param offset the absolute byte offset of the inode in the image, for messages
 * @param type the file type from the mode's type bits
 * @param mode the whole {@code i_mode}
 * @param size {@code i_size} (low and high words)
 * @param blocks {@code i_blocks}, in 512-byte sectors (or file-system blocks with huge_file's flag)
 * @param flags {@code i_flags}
 * @param blockArea the 60-byte {@code i_block} area: extent tree root, block map, inline data, fast symlink or device
 * @param inlineTail the {@code system.data} extended attribute of an inline-data inode (its bytes after the first 60)
 * @param fileAcl the block holding the inode's extended attributes, or 0
 */
record Ext4Inode(
        long number,
        long offset,
        NodeType type,
        int mode,
        int uid,
        int gid,
        long size,
        int linkCount,
        long blocks,
        long flags,
        byte[] blockArea,
        byte[] inlineTail,
        long fileAcl,
        FileTime accessTime,
        FileTime modificationTime,
        FileTime changeTime) {

    static final long FLAG_COMPRESSED = 0x4;
    static final long FLAG_ENCRYPTED = 0x800;
    static final long FLAG_INDEX = 0x1000;
    static final long FLAG_HUGE_FILE = 0x40000;
    static final long FLAG_EXTENTS = 0x80000;
    static final long FLAG_INLINE_DATA = 0x10000000;

    static final int BLOCK_AREA = 60;
    private static final int EXTRA_START = 128;
    private static final int XATTR_MAGIC = 0xEA020000;
    private static final int XATTR_INDEX_SYSTEM = 7;

    /** Decodes the {@code inodeSize} bytes of inode {@code number} held by {@code f}. */
    static Ext4Inode parse(Fields f, long number, Ext4Superblock sb) throws MalformedImageException {
        int mode = f.u16le(0x0);
        NodeType type = NodeType.fromMode(mode)
                .orElseThrow(() -> f.malformed(
                        0x0, "inode " + number + " has mode 0" + Integer.toOctalString(mode) + " of no file type"));
        long flags = f.u32le(0x20);
        if ((flags & FLAG_ENCRYPTED) != 0) {
            throw f.malformed(0x20, "inode " + number + " is encrypted, which is not supported");
        }
        long size = f.u32le(0x4) | f.u32le(0x6C) << 32;
        if (size < 0) {
            throw f.malformed(0x6C, "inode " + number + " has a negative size");
        }
        int uid = f.u16le(0x2) | f.u16le(0x78) << 16;
        int gid = f.u16le(0x18) | f.u16le(0x7A) << 16;
        long blocks = f.u32le(0x1C) | (long) f.u16le(0x74) << 32;
        long fileAcl = f.u32le(0x68) | (long) f.u16le(0x76) << 32;
        int extra = 0;
        if (sb.inodeSize() > EXTRA_START) {
            extra = f.u16le(0x80);
            if (extra > sb.inodeSize() - EXTRA_START || extra % 4 != 0) {
                throw f.malformed(
                        0x80,
                        "inode " + number + " claims " + extra + " extra bytes in a " + sb.inodeSize() + "-byte inode");
            }
        }
        FileTime ctime = time(f, 0x0C, 0x84, extra);
        FileTime mtime = time(f, 0x10, 0x88, extra);
        FileTime atime = time(f, 0x08, 0x8C, extra);
        byte[] tail = new byte[0];
        if ((flags & FLAG_INLINE_DATA) != 0) {
            if (!sb.hasIncompat(Ext4Superblock.INCOMPAT_INLINE_DATA)) {
                throw f.malformed(0x20, "inode " + number + " has inline data but the file system does not");
            }
            tail = inlineTail(f, number, sb, extra);
        }
        return new Ext4Inode(
                number,
                f.offsetOf(0),
                type,
                mode,
                uid,
                gid,
                size,
                f.u16le(0x1A),
                blocks,
                flags,
                f.bytes(0x28, BLOCK_AREA),
                tail,
                fileAcl,
                atime,
                mtime,
                ctime);
    }

    /** A time of seconds since the epoch, extended (when the inode has room) by two epoch bits and nanoseconds. */
    private static FileTime time(Fields f, int secondsAt, int extraAt, int extra) throws MalformedImageException {
        long seconds = (int) f.u32le(secondsAt);
        long nanos = 0;
        if (extra >= extraAt - EXTRA_START + 4) {
            long word = f.u32le(extraAt);
            seconds += (word & 3) << 32;
            nanos = Math.min(word >>> 2, 999_999_999L);
        }
        return FileTime.from(Instant.ofEpochSecond(seconds, nanos));
    }

    /**
     * The value of the in-inode extended attribute {@code system.data}: the part of an inline-data inode's content
     * beyond the 60 bytes of {@code i_block}. Empty when the content fits in those.
     */
    private static byte[] inlineTail(Fields f, long number, Ext4Superblock sb, int extra)
            throws MalformedImageException {
        int start = EXTRA_START + extra;
        if (sb.inodeSize() - start < 4 || (int) f.u32le(start) != XATTR_MAGIC) {
            return new byte[0];
        }
        int entriesStart = start + 4;
        int end = sb.inodeSize();
        int at = entriesStart;
        // Entries are at least 16 bytes, so an inode holds a bounded number of them.
        while (at + 4 <= end && f.u32le(at) != 0) {
            f.require(at, 16, "inode " + number + " extended attribute entry");
            int nameLength = f.u8(at);
            int nameIndex = f.u8(at + 1);
            int valueOffset = f.u16le(at + 2);
            long valueInode = f.u32le(at + 4);
            long valueSize = f.u32le(at + 8);
            f.require(at + 16, nameLength, "inode " + number + " extended attribute name");
            String name = f.string(at + 16, nameLength, java.nio.charset.StandardCharsets.UTF_8);
            if (nameIndex == XATTR_INDEX_SYSTEM && name.equals("data")) {
                if (valueInode != 0) {
                    throw f.malformed(at + 4, "inode " + number + " keeps its inline data in another inode");
                }
                if (valueSize > end - entriesStart || valueOffset > end - entriesStart - valueSize) {
                    throw f.malformed(
                            at + 2,
                            "inode " + number + " inline data of " + valueSize + " bytes at " + valueOffset
                                    + " runs past the inode");
                }
                return f.bytes(entriesStart + valueOffset, (int) valueSize);
            }
            at += 16 + ((nameLength + 3) & ~3);
        }
        return new byte[0];
    }

    int permissions() {
        return mode & 07777;
    }

    boolean hasFlag(long flag) {
        return (flags & flag) != 0;
    }

    /** The inline content: the 60 bytes of {@code i_block} followed by the {@code system.data} value. */
    byte[] inlineContent() {
        byte[] all = new byte[BLOCK_AREA + inlineTail.length];
        System.arraycopy(blockArea, 0, all, 0, BLOCK_AREA);
        System.arraycopy(inlineTail, 0, all, BLOCK_AREA, inlineTail.length);
        return all;
    }

    /** Whether a symlink's target sits in {@code i_block} rather than in a data block. */
    boolean isFastSymlink(int blockSize) {
        if (hasFlag(FLAG_INLINE_DATA) || size >= BLOCK_AREA) {
            return false;
        }
        long dataBlocks = blocks - (fileAcl != 0 ? blockSize / 512 : 0);
        return dataBlocks <= 0;
    }

    /** {@code major << 32 | minor} from a device inode's {@code i_block}, old or new encoding. */
    long deviceNumber() {
        long old = u32(blockArea, 0);
        if (old != 0) {
            return ((old >>> 8) & 0xff) << 32 | (old & 0xff);
        }
        long dev = u32(blockArea, 4);
        long major = (dev & 0xfff00) >>> 8;
        long minor = (dev & 0xff) | ((dev >>> 12) & 0xfff00);
        return major << 32 | minor;
    }

    static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }
}
