package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.testing.ExternalTools;
import dev.webboot.testing.IsoBuilder;
import dev.webboot.testing.KernelImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, item 5: an ISO whose 8 entries each name a bzip2 bomb as their initrd (zeros, which the kernel's
 * initramfs unpacker skips as padding, so all of it would be decompressed). Looking for pmem drivers in them stops at
 * 64 times each initrd's size, and each is named in a sentence instead of being passed over in silence.
 */
class HostileInitrdPlanTest {
    private static final int ENTRIES = 8;

    @Test
    void bzip2BombInitrdsAreNamedAndCostLittle(@TempDir Path dir) throws IOException {
        String bzip2 = ExternalTools.require("bzip2", "bzip2").toString();
        Path zeros = dir.resolve("zeros");
        try (var channel = java.nio.channels.FileChannel.open(
                zeros, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(0);
            channel.position((256L << 20) - 1);
            channel.write(java.nio.ByteBuffer.wrap(new byte[1])); // sparse: 256 MiB of zeros on no disk
        }
        ExternalTools.run(dir, bzip2, "-9", "zeros");
        Path bomb = dir.resolve("zeros.bz2");
        assertThat(Files.size(bomb)).isLessThan(64L << 10);

        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("live"));
        Files.createDirectories(tree.resolve("boot/grub"));
        Files.write(tree.resolve("live/vmlinuz"), KernelImages.bzImage("6.1.0-25-amd64"));
        Files.writeString(tree.resolve("live/filesystem.squashfs"), "sq");
        StringBuilder grub = new StringBuilder("set default=0\n");
        for (int i = 0; i < ENTRIES; i++) {
            Files.copy(bomb, tree.resolve("live/initrd" + i + ".img"));
            grub.append("menuentry \"Live ")
                    .append(i)
                    .append("\" {\n  linux /live/vmlinuz boot=live components\n  initrd /live/initrd")
                    .append(i)
                    .append(".img\n}\n");
        }
        Files.writeString(tree.resolve("boot/grub/grub.cfg"), grub, StandardCharsets.UTF_8);
        Path iso = IsoBuilder.of(tree).label("BOMBS").build(dir.resolve("bombs.iso"));

        CliRun.Result r = CliRun.webboot(dir, "plan", iso.toString(), "--json");

        assertThat(r.exitCode()).as(r.stderr()).isIn(0, 1);
        for (int i = 0; i < ENTRIES; i++) {
            assertThat(r.stderr())
                    .as("entry %d", i)
                    .containsPattern("initrd" + i + "\\.img was not searched for pmem drivers \\(.*decompressed data"
                            + " exceeds the limit of \\d+ bytes.*\\)");
        }
        if (r.exitCode() == 0) {
            // The patch keeps every driver: none could be ruled out.
            assertThat(r.out()).contains("nd_pmem");
        }
    }
}
