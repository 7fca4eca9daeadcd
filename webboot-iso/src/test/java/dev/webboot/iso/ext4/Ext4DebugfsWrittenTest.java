package dev.webboot.iso.ext4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image populated block by block with {@code debugfs -w} rather than by mke2fs: a file with a punched hole and an
 * unwritten (fallocated) extent inside it, a hard link made with {@code ln}, devices and a fifo made with {@code
 * mknod}, owners and modes set with {@code sif}, and a 400-entry directory that {@code e2fsck -D} turns into a hashed
 * (htree) directory. webboot must read it as debugfs and the kernel do.
 */
class Ext4DebugfsWrittenTest {
    @TempDir
    Path work;

    @Test
    void readsAnImageWrittenByDebugfsAsDebugfsAndTheKernelDo() throws IOException {
        byte[] data = new byte[300_000];
        new Random(11).nextBytes(data);
        Path host = work.resolve("host.bin");
        Files.write(host, data);
        Path empty = work.resolve("empty");
        Files.write(empty, new byte[0]);
        Path image = Ext4Peer.mkfs("mkfs.ext4", null, work.resolve("written.img"), "64M", List.of());
        List<String> commands = new ArrayList<>(List.of(
                "mkdir /d",
                "cd /d",
                "write " + host + " data",
                "mknod pipe p",
                "mknod tty c 4 64",
                "mknod disk b 8 1",
                "symlink link data",
                "ln data hard",
                "sif data links_count 2",
                "sif data uid 4242",
                "sif data gid 4343",
                "sif data mode 0100640",
                "cd /",
                "write " + host + " sparse",
                "punch sparse 10 40",
                "fallocate sparse 20 30",
                "mkdir many",
                "cd many"));
        for (int i = 0; i < 400; i++) {
            commands.add("write " + empty + " entry-with-a-longish-name-" + i);
        }
        Ext4Peer.debugfs(image, true, commands);
        ExternalTools.Result fsck = ExternalTools.runAllowingFailure(
                work, ExternalTools.require("e2fsck", "e2fsprogs").toString(), "-fyD", image.toString());
        assertThat(fsck.exitCode()).as(fsck.stderr()).isLessThanOrEqualTo(1);
        String layout = Ext4Peer.debugfs(image, false, List.of("ex /sparse", "htree /many"));
        assertThat(layout).contains("Uninit").contains("Root node dump");

        Map<String, Ext4Peer.Entry> debugfs = Ext4Peer.expected(image, work);
        Map<String, Ext4Peer.Entry> kernel = Ext4Peer.mounted(image, work);
        assertThat(debugfs).containsKeys("/d/hard", "/d/pipe", "/many/entry-with-a-longish-name-399");
        try (Ext4FileSystem fs = Ext4FileSystem.open(image)) {
            Map<String, Ext4Peer.Entry> webboot = Ext4Peer.actual(fs);
            assertThat(Ext4Peer.differences(webboot, debugfs)).isEmpty();
            assertThat(Ext4Peer.differences(webboot, kernel)).isEmpty();
            assertThat(Files.readAttributes(fs.getPath("/d/tty"), "unix:rdev").get("rdev"))
                    .isEqualTo(4L << 32 | 64);
            assertThat(Files.readAttributes(fs.getPath("/d/hard"), "unix:nlink").get("nlink"))
                    .isEqualTo(2);
            // Blocks 10-40 were punched, then 20-30 allocated unwritten: all of 10-40 reads as zeros.
            int block = fs.info().blockSize();
            try (SeekableByteChannel channel = Files.newByteChannel(fs.getPath("/sparse"))) {
                ByteBuffer middle = ByteBuffer.allocate(31 * block);
                channel.position(10L * block);
                while (middle.hasRemaining() && channel.read(middle) >= 0) {
                    // fill
                }
                assertThat(middle.array()).containsOnly(0);
                ByteBuffer after = ByteBuffer.allocate(100);
                channel.position(41L * block);
                channel.read(after);
                assertThat(after.array()).isEqualTo(java.util.Arrays.copyOfRange(data, 41 * block, 41 * block + 100));
            }
        }
    }
}
