package dev.webboot.iso.internal.initramfs;

/**
 * One parsed newc/crc header and its name, with where it lies in its segment's cpio stream.
 *
 * @param headerOffset offset of the header in the segment's (decompressed) stream
 * @param dataOffset offset of the data in the same stream
 * @param name the name as stored (without the terminating NUL)
 * @param linkTarget a symlink's target, read from its data; empty otherwise
 * @param checksum the header's check field (only meaningful with the crc magic 070702)
 * @param crc true for the crc format (070702)
 */
public record CpioHeader(
        long headerOffset,
        long dataOffset,
        long ino,
        long mode,
        long uid,
        long gid,
        long nlink,
        long mtime,
        long fileSize,
        long devMajor,
        long devMinor,
        long rdevMajor,
        long rdevMinor,
        String name,
        String linkTarget,
        long checksum,
        boolean crc) {

    public static final String TRAILER = "TRAILER!!!";

    public boolean isTrailer() {
        return name.equals(TRAILER);
    }
}
