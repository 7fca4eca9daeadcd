package dev.webboot.plan.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.iso.MalformedImageException;
import dev.webboot.testing.ExternalTools;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 3 for boot configuration files: the 1 MiB cap holds while reading, whatever the file reports as its
 * size (a device, a FIFO, a sparse file), and the failure is the image readers' typed error at the cap's offset.
 */
class ConfigTextTest {
    @Test
    void endlessDeviceStopsAtTheCap() {
        assertThatThrownBy(() -> ConfigText.read(Path.of("/dev/zero"), "/boot/grub/grub.cfg"))
                .isInstanceOfSatisfying(MalformedImageException.class, e -> {
                    assertThat(e.source()).isEqualTo("/boot/grub/grub.cfg");
                    assertThat(e.offset()).isEqualTo(ConfigText.MAX_BYTES);
                });
    }

    @Test
    void sparseThreeGigabyteConfigStopsAtTheCap(@TempDir Path dir) throws Exception {
        Path sparse = dir.resolve("isolinux.cfg");
        try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(3L << 30);
        }
        assertThatThrownBy(() -> ConfigText.read(sparse, "/isolinux/isolinux.cfg"))
                .isInstanceOf(MalformedImageException.class)
                .hasMessageContaining("configuration file is larger than 1048576 bytes");
    }

    @Test
    void fifoThatNeverEndsStopsAtTheCap(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("grub.cfg");
        ExternalTools.run(dir, ExternalTools.require("mkfifo", "coreutils").toString(), fifo.toString());
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                byte[] line = "set timeout=5\n".repeat(4096).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                while (true) {
                    out.write(line);
                }
            } catch (java.io.IOException readerGone) {
                // the reader stopped at the cap
            }
        });
        writer.setDaemon(true);
        writer.start();
        assertThatThrownBy(() -> ConfigText.read(fifo, "/boot/grub/grub.cfg"))
                .isInstanceOf(MalformedImageException.class);
        writer.join(30_000);
        assertThat(writer.isAlive()).isFalse();
    }

    @Test
    void aConfigOfExactlyTheCapIsRead(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("grub.cfg"), new byte[ConfigText.MAX_BYTES]);
        assertThat(ConfigText.read(file, "/boot/grub/grub.cfg").text()).hasSize(ConfigText.MAX_BYTES);
    }
}
