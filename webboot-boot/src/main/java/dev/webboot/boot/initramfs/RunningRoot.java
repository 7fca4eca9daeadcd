package dev.webboot.boot.initramfs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The running initramfs packed again: what the kernel unpacked into its root file system, as one uncompressed cpio
 * newc archive a kernel can boot with. Debian 12's kernel (6.1) frees the initrd after unpacking it and, even with
 * {@code retain_initrd}, offers no way to read it back ({@code /sys/firmware/initrd} came with Linux 6.8), so webboot
 * re-packs the root it runs from when it boots itself again. Mount points (/proc, /sys, /dev, /run, /tmp) are written
 * as empty directories: the second instance mounts its own.
 */
public final class RunningRoot {
    private RunningRoot() {}

    /**
     * Writes the file system at {@code root} (without what other file systems mounted inside it hold) to {@code out},
     * uncompressed (compressing 100 MB under QEMU's TCG costs more than the kexec copies it).
     *
     * @param root {@code /}, or a tree standing in for it in a test
     * @param out where the archive goes; stays open
     * @return the archive's length in bytes
     * @throws IOException when a file cannot be read
     */
    public static long archive(Path root, OutputStream out) throws IOException {
        return TreeArchiver.archive(root, out, true).archiveBytes();
    }
}
