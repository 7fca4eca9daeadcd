package dev.webboot.iso.initramfs;

/**
 * Owner, permissions and time of an entry written by {@link CpioArchiveWriter}.
 *
 * @param permissions permission bits, {@code 07777} at most (the type bits come from the kind of entry)
 * @param uid owner
 * @param gid group
 * @param mtime modification time, seconds since the epoch (0 to 2^32 - 1, what newc can hold)
 */
public record EntryAttributes(int permissions, long uid, long gid, long mtime) {
    public EntryAttributes {
        if ((permissions & ~07777) != 0) {
            throw new IllegalArgumentException("permissions " + Integer.toOctalString(permissions) + " exceed 07777");
        }
        checkField("uid", uid);
        checkField("gid", gid);
        checkField("mtime", mtime);
    }

    private static void checkField(String name, long value) {
        if (value < 0 || value > 0xffffffffL) {
            throw new IllegalArgumentException(name + " " + value + " does not fit a 32-bit cpio field");
        }
    }

    /** Owned by root, time 0 (reproducible archives), with the given permissions. */
    public static EntryAttributes of(int permissions) {
        return new EntryAttributes(permissions, 0, 0, 0);
    }
}
