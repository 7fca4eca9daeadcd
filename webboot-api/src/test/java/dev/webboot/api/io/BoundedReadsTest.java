package dev.webboot.api.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.testing.ExternalTools;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cap holds for files whose size says nothing: a device, a FIFO, a sparse file. */
class BoundedReadsTest {
    private static final int CAP = 1 << 20;

    @Test
    void devZeroIsRefusedAtTheCap() {
        assertThatThrownBy(() -> BoundedReads.readAll(Path.of("/dev/zero"), CAP, "an OpenPGP signature"))
                .isInstanceOf(SizeLimitException.class)
                .hasMessage("/dev/zero: bigger than the 1048576 bytes an OpenPGP signature may have");
    }

    @Test
    void sparseThreeGigabyteFileIsRefusedWithoutReadingIt(@TempDir Path dir) throws Exception {
        Path sparse = dir.resolve("sparse");
        try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(3L << 30);
        }
        assertThatThrownBy(() -> BoundedReads.readAll(sparse, CAP, "a clearsigned file"))
                .isInstanceOf(SizeLimitException.class)
                .hasMessageContaining("bigger than the 1048576 bytes a clearsigned file may have");
    }

    @Test
    void fifoThatNeverEndsIsRefusedAtTheCap(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo");
        ExternalTools.run(dir, ExternalTools.require("mkfifo", "coreutils").toString(), fifo.toString());
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                byte[] chunk = new byte[64 * 1024];
                while (true) {
                    out.write(chunk);
                }
            } catch (java.io.IOException readerClosed) {
                // the reader stopped at the cap and closed its end: the pipe is broken, as it should be
            }
        });
        writer.setDaemon(true);
        writer.start();
        assertThatThrownBy(() -> BoundedReads.readAll(fifo, CAP, "a keyring"))
                .isInstanceOf(SizeLimitException.class)
                .hasMessage(fifo + ": bigger than the 1048576 bytes a keyring may have");
        writer.join(30_000);
        assertThat(writer.isAlive()).isFalse();
    }

    @Test
    void exactlyTheCapIsRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("f");
        Files.write(file, new byte[CAP]);
        assertThat(BoundedReads.readAll(file, CAP, "a keyring")).hasSize(CAP);
        Files.write(file, new byte[CAP + 1]);
        assertThatThrownBy(() -> BoundedReads.readAll(file, CAP, "a keyring")).isInstanceOf(SizeLimitException.class);
    }
}
