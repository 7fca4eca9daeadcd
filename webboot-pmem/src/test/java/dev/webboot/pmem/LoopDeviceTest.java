package dev.webboot.pmem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real block device (a loop device made by losetup): its size comes from BLKGETSIZE64 through JNA and must equal
 * what {@code blockdev --getsize64} says; a staged image must read back through the kernel unchanged.
 */
class LoopDeviceTest {
    @TempDir
    Path dir;

    @Test
    void realBlockDeviceSizeAndStaging() throws IOException {
        String losetup = ExternalTools.require("losetup", "mount").toString();
        String blockdev = ExternalTools.require("blockdev", "util-linux").toString();
        Path backing = dir.resolve("backing");
        try (var f = java.nio.channels.FileChannel.open(
                backing, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            f.write(java.nio.ByteBuffer.allocate(1), (6L << 20) - 1);
        }
        Path loop = Path.of(ExternalTools.run(dir, losetup, "-f", "--show", backing.toString())
                .stdoutText()
                .strip());
        try {
            assertThat(BlockDevices.isBlockDevice(loop)).isTrue();
            long expected = Long.parseLong(ExternalTools.run(dir, blockdev, "--getsize64", loop.toString())
                    .stdoutText()
                    .strip());
            byte[] bytes = new byte[4 << 20];
            new Random(7).nextBytes(bytes);
            Path image = Files.write(dir.resolve("image"), bytes);
            Path tooLarge = Files.write(dir.resolve("too-large"), new byte[(6 << 20) + 1]);
            try (BlockDevice device = BlockDevices.open(loop)) {
                assertThat(device.size()).isEqualTo(expected).isEqualTo(6L << 20);
                assertThatThrownBy(() -> new Stager().stage(tooLarge, device))
                        .isInstanceOf(ImageTooLargeException.class);
                StageResult result = new Stager().withVerification(true).stage(image, device);
                assertThat(result.verified()).isTrue();
            }
            ExternalTools.run(dir, blockdev, "--flushbufs", loop.toString());
            byte[] onBacking = Files.readAllBytes(backing);
            assertThat(java.util.Arrays.copyOf(onBacking, bytes.length)).isEqualTo(bytes);
            // A block device as the source: its whole size (from the kernel, not FileChannel.size()) is staged.
            try (BlockDevice copy = BlockDevices.file(dir.resolve("copy"), 8L << 20)) {
                StageResult whole = new Stager().stage(loop, copy);
                assertThat(whole.bytes()).isEqualTo(6L << 20);
                assertThat(java.util.Arrays.copyOf(Files.readAllBytes(dir.resolve("copy")), 6 << 20))
                        .isEqualTo(onBacking);
            }
        } finally {
            ExternalTools.run(dir, losetup, "-d", loop.toString());
        }
    }
}
