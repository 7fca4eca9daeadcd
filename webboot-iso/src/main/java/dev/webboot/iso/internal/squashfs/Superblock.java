package dev.webboot.iso.internal.squashfs;

import dev.webboot.iso.Fields;
import dev.webboot.iso.ImageSource;
import dev.webboot.iso.MalformedImageException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The 96-byte squashfs 4.0 superblock at offset 0, validated: magic, version, block size and its log, compressor id,
 * and every table position inside {@code bytesUsed}, which must fit in the image.
 */
public record Superblock(
        long inodeCount,
        long modificationTime,
        int blockSize,
        long fragmentCount,
        SquashfsCompression compression,
        int flags,
        int idCount,
        long rootInodeRef,
        long bytesUsed,
        long idTableStart,
        long xattrIdTableStart,
        long inodeTableStart,
        long directoryTableStart,
        long fragmentTableStart,
        long exportTableStart) {

    public static final int SIZE = 96;
    public static final int MAGIC = 0x73717368; // "hsqs" read little-endian
    /** A table position meaning "no such table". */
    public static final long ABSENT = -1L;

    public static final int FLAG_UNCOMPRESSED_INODES = 0x0001;
    public static final int FLAG_UNCOMPRESSED_DATA = 0x0002;
    public static final int FLAG_UNCOMPRESSED_FRAGMENTS = 0x0008;
    public static final int FLAG_NO_FRAGMENTS = 0x0010;
    public static final int FLAG_ALWAYS_FRAGMENTS = 0x0020;
    public static final int FLAG_DUPLICATES = 0x0040;
    public static final int FLAG_EXPORTABLE = 0x0080;
    public static final int FLAG_UNCOMPRESSED_XATTRS = 0x0100;
    public static final int FLAG_NO_XATTRS = 0x0200;
    public static final int FLAG_COMPRESSOR_OPTIONS = 0x0400;
    public static final int FLAG_UNCOMPRESSED_IDS = 0x0800;

    public static final int MIN_BLOCK_LOG = 12;
    public static final int MAX_BLOCK_LOG = 20;

    /** Reads and validates the superblock of {@code source}. */
    public static Superblock read(ImageSource source) throws IOException {
        long size = source.size();
        if (size < SIZE) {
            throw new MalformedImageException(
                    source.name(), 0, "image of " + size + " bytes is too small for a squashfs superblock");
        }
        byte[] raw = new byte[SIZE];
        source.readFully(ByteBuffer.wrap(raw), 0);
        Fields f = new Fields(source.name(), 0, raw);
        if ((int) f.u32le(0) != MAGIC) {
            throw f.malformed(0, "not a squashfs image (no hsqs magic)");
        }
        int major = f.u16le(28);
        int minor = f.u16le(30);
        if (major != 4 || minor != 0) {
            throw f.malformed(28, "squashfs version " + major + "." + minor + " is not supported (only 4.0)");
        }
        long blockSizeField = f.u32le(12);
        int blockLog = f.u16le(22);
        if (blockLog < MIN_BLOCK_LOG || blockLog > MAX_BLOCK_LOG) {
            throw f.malformed(22, "block log " + blockLog + " is outside 12..20 (4 KiB..1 MiB blocks)");
        }
        if (blockSizeField != 1L << blockLog) {
            throw f.malformed(12, "block size " + blockSizeField + " does not match block log " + blockLog);
        }
        int compressionId = f.u16le(20);
        SquashfsCompression compression = SquashfsCompression.ofId(compressionId)
                .orElseThrow(() -> f.malformed(20, "unknown compressor id " + compressionId));
        long bytesUsed = f.s64le(40);
        if (bytesUsed < SIZE || bytesUsed > size) {
            throw f.malformed(40, "bytes_used " + bytesUsed + " does not fit in an image of " + size + " bytes");
        }
        int idCount = f.u16le(26);
        if (idCount == 0) {
            throw f.malformed(26, "the id table is empty");
        }
        long inodeCount = f.u32le(4);
        if (inodeCount == 0) {
            throw f.malformed(4, "the image has no inodes");
        }
        Superblock sb = new Superblock(
                inodeCount,
                f.u32le(8),
                (int) blockSizeField,
                f.u32le(16),
                compression,
                f.u16le(24),
                idCount,
                f.s64le(32),
                bytesUsed,
                f.s64le(48),
                f.s64le(56),
                f.s64le(64),
                f.s64le(72),
                f.s64le(80),
                f.s64le(88));
        sb.validateTables(f);
        return sb;
    }

    private void validateTables(Fields f) throws MalformedImageException {
        requireTable(f, 48, "id table", idTableStart, false);
        requireTable(f, 56, "xattr id table", xattrIdTableStart, true);
        requireTable(f, 64, "inode table", inodeTableStart, false);
        requireTable(f, 72, "directory table", directoryTableStart, false);
        requireTable(f, 80, "fragment table", fragmentTableStart, fragmentCount == 0);
        requireTable(f, 88, "export table", exportTableStart, true);
        if (inodeTableStart >= directoryTableStart) {
            throw f.malformed(
                    64,
                    "inode table starts at " + inodeTableStart + ", not before the directory table at "
                            + directoryTableStart);
        }
        long rootBlock = rootInodeRef >>> 16;
        if (rootBlock >= directoryTableStart - inodeTableStart
                || (rootInodeRef & 0xffff) >= MetadataReader.BLOCK_SIZE) {
            throw f.malformed(
                    32, "root inode reference " + Long.toHexString(rootInodeRef) + " lies outside the inode table");
        }
    }

    private void requireTable(Fields f, int at, String what, long start, boolean mayBeAbsent)
            throws MalformedImageException {
        if (mayBeAbsent && start == ABSENT) {
            return;
        }
        if (start < SIZE || start >= bytesUsed) {
            throw f.malformed(at, what + " start " + start + " lies outside the image's " + bytesUsed + " used bytes");
        }
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }

    public boolean hasXattrs() {
        return xattrIdTableStart != ABSENT;
    }
}
