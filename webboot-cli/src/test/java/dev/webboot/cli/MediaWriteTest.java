package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.boot.media.MediaWriter;
import dev.webboot.testing.ExternalTools;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code webboot media write IMAGE DEVICE} on a real block device, a loop device of the kernel's (losetup, as root):
 * refused while its file system is mounted and while a partition of it is (one sentence, exit 1, the disk untouched),
 * written and flushed once unmounted (the device then reads back as the image); a regular file and a partition are
 * refused; and the disk the running system is on is refused by the same check, asked without writing.
 */
class MediaWriteTest {
    @TempDir
    Path dir;

    String losetup;
    String loop;
    Path image;

    @BeforeEach
    void loopDevice() throws Exception {
        assertThat(System.getProperty("user.name"))
                .as("losetup and mount need root")
                .isEqualTo("root");
        losetup = ExternalTools.require("losetup", "mount").toString();
        Path backing = dir.resolve("disk.raw");
        try (var file = java.nio.channels.FileChannel.open(
                backing, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            file.truncate(0);
            file.write(java.nio.ByteBuffer.allocate(1), (64L << 20) - 1);
        }
        loop = ExternalTools.run(dir, losetup, "--find", "--show", "--partscan", backing.toString())
                .stdoutText()
                .strip();
        assertThat(loop).startsWith("/dev/loop");
        byte[] bytes = new byte[(3 << 20) + 1234];
        new Random(15).nextBytes(bytes);
        image = dir.resolve("webboot.iso");
        Files.write(image, bytes);
    }

    @AfterEach
    void detach() {
        ExternalTools.runAllowingFailure(dir, "umount", dir.resolve("mnt").toString());
        if (loop != null) {
            ExternalTools.runAllowingFailure(dir, losetup, "--detach", loop);
        }
    }

    @Test
    void refusesAMountedDiskAndWritesItOnceUnmounted() throws Exception {
        String mkfs = ExternalTools.require("mkfs.ext4", "e2fsprogs").toString();
        ExternalTools.run(dir, mkfs, "-q", "-F", loop);
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        ExternalTools.run(dir, "mount", loop, mnt.toString());
        byte[] expected = Files.readAllBytes(image);

        CliRun.Result mounted = CliRun.webboot(dir, "media", "write", image.toString(), loop, "--json");
        assertThat(mounted.exitCode()).isEqualTo(1);
        String sentence = loop + " is mounted (" + loop + " on " + mnt + "); unmount it first";
        assertThat(mounted.stderr().strip()).isEqualTo("webboot: " + sentence);
        assertThat(mounted.out().strip()).isEqualTo("{\"error\":\"" + sentence + "\",\"phase\":null}");
        // The mounted file system's kernel may write its superblock; the image must not be there.
        assertThat(Arrays.mismatch(head(Path.of(loop), expected.length), expected))
                .as("the refused image was not written")
                .isEqualTo(0);

        ExternalTools.run(dir, "umount", mnt.toString());
        CliRun.Result written = CliRun.webboot(dir, "media", "write", image.toString(), loop, "--json");
        assertThat(written.exitCode()).as(written.stderr()).isZero();
        assertThat(written.out().strip())
                .isEqualTo("{\"image\":\"" + image + "\",\"device\":\"" + loop + "\",\"written\":" + Files.size(image)
                        + "}");
        // What the kernel reads from the device, past its cache: the copy was flushed.
        ExternalTools.run(dir, "blockdev", "--flushbufs", loop);
        assertThat(Arrays.mismatch(head(Path.of(loop), expected.length), expected))
                .as("first differing byte")
                .isEqualTo(-1);
    }

    @Test
    void refusesAMountedPartitionAPartitionAndARegularFile() throws Exception {
        String sfdisk = ExternalTools.require("sfdisk", "fdisk").toString();
        ExternalTools.run(dir, "sh", "-c", "echo 'start=2048, type=83' | " + sfdisk + " -q " + loop);
        ExternalTools.run(dir, ExternalTools.require("partx", "util-linux").toString(), "-u", loop);
        String partition = loop + "p1";
        assertThat(Path.of(partition)).exists();
        ExternalTools.run(dir, ExternalTools.require("mkfs.ext4", "e2fsprogs").toString(), "-q", "-F", partition);
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        ExternalTools.run(dir, "mount", partition, mnt.toString());

        CliRun.Result disk = CliRun.webboot(dir, "media", "write", image.toString(), loop);
        assertThat(disk.exitCode()).isEqualTo(1);
        assertThat(disk.stderr().strip())
                .isEqualTo("webboot: " + loop + " is mounted (" + partition + " on " + mnt + "); unmount it first");

        CliRun.Result part = CliRun.webboot(dir, "media", "write", image.toString(), partition);
        assertThat(part.exitCode()).isEqualTo(1);
        assertThat(part.stderr().strip())
                .isEqualTo("webboot: " + partition + " is a partition; write to the whole disk " + loop + " instead");

        Path file = dir.resolve("not-a-disk.img");
        Files.write(file, new byte[4096]);
        CliRun.Result regular = CliRun.webboot(dir, "media", "write", image.toString(), file.toString());
        assertThat(regular.exitCode()).isEqualTo(1);
        assertThat(regular.stderr().strip())
                .isEqualTo("webboot: " + file + " is not a block device; give a whole disk such as /dev/sdb (lsblk"
                        + " lists them)");
        assertThat(Arrays.mismatch(Files.readAllBytes(file), new byte[4096])).isEqualTo(-1);
    }

    @Test
    void refusesTheDiskTheRunningSystemIsOn() throws Exception {
        // Asked without writing: this is the machine's own disk.
        String source = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .map(l -> List.of(l.split(" ")))
                .filter(f -> f.get(4).equals("/"))
                .map(f -> f.get(f.indexOf("-") + 2))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(source).as("the root file system is on a block device here").startsWith("/dev/");
        Path node = Path.of(
                        "/sys/class/block",
                        Path.of(source).toRealPath().getFileName().toString())
                .toRealPath();
        Path disk = Path.of(
                "/dev",
                (Files.exists(node.resolve("partition")) ? node.getParent() : node)
                        .getFileName()
                        .toString());
        assertThat(MediaWriter.system().refusal(image, disk))
                .contains(disk + " holds the running system (/); webboot will not overwrite it");
    }

    private static byte[] head(Path device, int length) throws Exception {
        try (InputStream in = Files.newInputStream(device)) {
            return in.readNBytes(length);
        }
    }
}
