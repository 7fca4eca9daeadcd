package dev.webboot.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.boot.BootException;
import dev.webboot.testing.ExternalTools;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a cached ISO lives as the booted kernel will see it: file systems made by mkfs.ext4 and mkfs.vfat, their UUIDs
 * compared with blkid's, mount tables written the way the kernel writes {@code /proc/self/mountinfo}.
 */
class FilesystemLocatorTest {
    @TempDir
    Path dir;

    private static String blkid(Path dir, Path device) {
        return ExternalTools.run(
                        dir,
                        ExternalTools.require("blkid", "util-linux").toString(),
                        "-p",
                        "-o",
                        "value",
                        "-s",
                        "UUID",
                        device.toString())
                .stdoutText()
                .strip();
    }

    private static Path blank(Path file, long size) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
        }
        return file;
    }

    @Test
    void readsTheUuidsBlkidPrintsFromExtAndFatSuperblocks() throws Exception {
        Path ext4 = blank(dir.resolve("ext4.img"), 8 << 20);
        ExternalTools.run(
                dir,
                ExternalTools.require("mkfs.ext4", "e2fsprogs").toString(),
                "-q",
                "-F",
                "-U",
                "8c1f3c42-5d7e-4a09-9b7c-2f7d1e0c6a55",
                ext4.toString());
        Path fat32 = blank(dir.resolve("fat32.img"), 40 << 20);
        Path fat16 = blank(dir.resolve("fat16.img"), 16 << 20);
        String mkfsVfat = ExternalTools.require("mkfs.vfat", "dosfstools").toString();
        ExternalTools.run(dir, mkfsVfat, "-F", "32", "-i", "1234ABCD", fat32.toString());
        ExternalTools.run(dir, mkfsVfat, "-F", "16", "-i", "0BADF00D", fat16.toString());
        Path nothing = blank(dir.resolve("nothing.img"), 1 << 20);

        assertThat(FilesystemLocator.superblockUuid(ext4))
                .contains(blkid(dir, ext4))
                .contains("8c1f3c42-5d7e-4a09-9b7c-2f7d1e0c6a55");
        assertThat(FilesystemLocator.superblockUuid(fat32))
                .contains(blkid(dir, fat32))
                .contains("1234-ABCD");
        assertThat(FilesystemLocator.superblockUuid(fat16))
                .contains(blkid(dir, fat16))
                .contains("0BAD-F00D");
        assertThat(FilesystemLocator.superblockUuid(nothing)).isEmpty();
    }

    @Test
    void parsesMountinfoWithEscapesAndPicksTheInnermostMount() {
        List<FilesystemLocator.Mount> mounts = FilesystemLocator.parse(List.of(
                "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
                "30 22 8:17 / /media/usb\\040stick rw,relatime shared:7 master:2 - vfat /dev/sdb1 rw,fmask=0022",
                "31 22 8:18 /isos /srv rw - ext4 /dev/sdb2 rw",
                "garbage line",
                "32 22 0:5 / /proc rw - proc proc rw"));
        assertThat(mounts).hasSize(4);
        assertThat(mounts.get(1).mountPoint()).isEqualTo("/media/usb stick");
        assertThat(FilesystemLocator.mountOf("/media/usb stick/cache/x.iso", mounts))
                .get()
                .extracting(FilesystemLocator.Mount::source)
                .isEqualTo("/dev/sdb1");
        assertThat(FilesystemLocator.mountOf("/media/usb sticker/x.iso", mounts))
                .get()
                .extracting(FilesystemLocator.Mount::source)
                .isEqualTo("/dev/sda1");
        assertThat(FilesystemLocator.mountOf("/srv/a.iso", mounts))
                .get()
                .extracting(FilesystemLocator.Mount::root)
                .isEqualTo("/isos");
    }

    @Test
    void locatesAFileByItsMountAndTheFileSystemsSuperblock() throws Exception {
        Path machine = Files.createDirectories(dir.resolve("machine"));
        Files.createDirectories(machine.resolve("proc/self"));
        Files.createDirectories(machine.resolve("dev"));
        Path disk = blank(machine.resolve("dev/sdz1"), 8 << 20);
        ExternalTools.run(
                dir,
                ExternalTools.require("mkfs.ext4", "e2fsprogs").toString(),
                "-q",
                "-F",
                "-U",
                "0f0e0d0c-0b0a-4908-8706-050403020100",
                disk.toString());
        Path stick =
                Files.createDirectories(dir.resolve("stick with space/cache")).toRealPath();
        Path iso = Files.writeString(stick.resolve("live.iso"), "iso");
        String mountPoint = stick.getParent().toString().replace(" ", "\\040");
        Files.writeString(
                machine.resolve("proc/self/mountinfo"),
                "22 1 8:1 / / rw - ext4 /dev/root rw\n" + "40 22 8:33 /sub " + mountPoint
                        + " rw,relatime - ext4 /dev/sdz1 rw\n");

        FilesystemLocator.Location location = new FilesystemLocator(machine).locate(iso);
        assertThat(location.uuid()).isEqualTo(blkid(dir, disk));
        assertThat(location.pathInFilesystem()).isEqualTo("/sub/cache/live.iso");
        assertThat(location.mountPoint()).isEqualTo(stick.getParent().toString());
        assertThat(location.filesystemType()).isEqualTo("ext4");
    }

    @Test
    void locatesADeviceByItsNumberThroughDevDiskByUuid() throws Exception {
        Path machine = Files.createDirectories(dir.resolve("machine"));
        Files.createDirectories(machine.resolve("proc/self"));
        Path byUuid = Files.createDirectories(machine.resolve("dev/disk/by-uuid"));
        // A block device node with the mount's major:minor (as root, like CI): no superblock to read, only the link.
        ExternalTools.run(dir, "mknod", machine.resolve("dev/vdq3").toString(), "b", "7", "200");
        Files.createSymbolicLink(byUuid.resolve("F00D-CAFE"), Path.of("../../vdq3"));
        Files.createSymbolicLink(byUuid.resolve("dangling-link"), Path.of("../../gone"));
        Path file = Files.writeString(dir.resolve("live.iso"), "iso").toRealPath();
        Files.writeString(
                machine.resolve("proc/self/mountinfo"), "22 1 7:200 / / rw - vfat /dev/disk/by-label/STICK rw\n");
        FilesystemLocator.Location location = new FilesystemLocator(machine).locate(file);
        assertThat(location.uuid()).isEqualTo("F00D-CAFE");
        assertThat(location.pathInFilesystem()).isEqualTo(file.toString());
    }

    @Test
    void aFileOnAFileSystemWithoutUuidIsRefusedWithOneSentence() throws Exception {
        Path machine = Files.createDirectories(dir.resolve("machine/proc/self"))
                .getParent()
                .getParent();
        Files.writeString(machine.resolve("proc/self/mountinfo"), "22 1 0:20 / / rw - tmpfs tmpfs rw\n");
        Path file = Files.writeString(dir.resolve("live.iso"), "iso").toRealPath();
        assertThatThrownBy(() -> new FilesystemLocator(machine).locate(file))
                .isInstanceOf(BootException.class)
                .hasMessage(file + ": the tmpfs file system on tmpfs has no UUID the booted system could find it by;"
                        + " put the cache on a disk partition");
    }
}
