package dev.webboot.iso.initramfs;

import java.util.Objects;

/**
 * One member of an initrd's cpio archives, as its header says.
 *
 * @param segment the index of the segment holding it, from 0 in file order
 * @param compression that segment's compression
 * @param path the absolute, normalized path ({@code ./lib/x} and {@code lib/x} are both {@code /lib/x}; {@code .} is
 *     {@code /})
 * @param type the file type
 * @param mode the whole {@code st_mode}: type bits and permission bits
 * @param uid owner
 * @param gid group
 * @param size the number of data bytes in this member's entry (for a symlink, the target's length)
 * @param mtime modification time, seconds since the epoch
 * @param linkTarget a symlink's target; empty for other types
 * @param hardLinkTo for a member the kernel turns into a hard link (same inode and device as an earlier member of
 *     the same archive, {@code nlink >= 2}), that member's path; otherwise empty
 * @param deviceMajor a device node's major number (0 for other types)
 * @param deviceMinor a device node's minor number (0 for other types)
 */
public record InitramfsMember(
        int segment,
        Compression compression,
        String path,
        MemberType type,
        int mode,
        long uid,
        long gid,
        long size,
        long mtime,
        String linkTarget,
        String hardLinkTo,
        long deviceMajor,
        long deviceMinor) {

    public InitramfsMember {
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(linkTarget, "linkTarget");
        Objects.requireNonNull(hardLinkTo, "hardLinkTo");
    }

    /** The permission bits ({@code mode & 07777}). */
    public int permissions() {
        return mode & 07777;
    }
}
