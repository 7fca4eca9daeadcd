package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.testing.EndlessHttpServer;
import dev.webboot.testing.ExternalTools;
import dev.webboot.testing.GnuPg;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 3: what is read whole (sums, signatures, keyrings, clearsigned files) is capped while it is read, so
 * {@code /dev/zero}, a FIFO that never ends, a sparse 3 GB file and an endless HTTP body each end in exit 1 with one
 * sentence — in a child JVM of 256 MB heap, which any of them would fill if read whole.
 */
class UnboundedReadsTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static Path image;
    private static Path sums;
    private static Path keyring;

    @BeforeAll
    static void evidence() throws Exception {
        image = Files.writeString(dir.resolve("image.iso"), "an image\n");
        sums = Files.writeString(
                dir.resolve("SHA256SUMS"),
                "a7d3c8a8a52c5bde0c4e2ca1bd4e9a5ff3a7fe2c3c9a0b1e6a4a70d3f2f1a1b2  image.iso\n");
        GnuPg gpg = new GnuPg(dir);
        gpg.generate("caps@example.org");
        keyring = gpg.export("caps@example.org", dir.resolve("key.gpg"));
    }

    @Test
    void sumsFromDevZero() throws Exception {
        assertOneSentence(
                "/dev/zero: bigger than the 4194304 bytes a checksum file may have",
                "verify",
                image.toString(),
                "--sums",
                "/dev/zero",
                "--insecure");
    }

    @Test
    void signatureFromDevZero() throws Exception {
        assertOneSentence(
                "/dev/zero: bigger than the 1048576 bytes an OpenPGP signature may have",
                "verify",
                image.toString(),
                "--sums",
                sums.toString(),
                "--sig",
                "/dev/zero",
                "--keyring",
                keyring.toString());
    }

    @Test
    void keyringFromDevZero() throws Exception {
        assertOneSentence(
                "/dev/zero: bigger than the 67108864 bytes a keyring may have",
                "verify",
                image.toString(),
                "--sums",
                sums.toString(),
                "--keyring",
                "/dev/zero");
    }

    @Test
    void clearsignedFromDevZero() throws Exception {
        assertOneSentence(
                "/dev/zero: bigger than the 4194304 bytes a clearsigned file may have",
                "verify",
                "--clearsigned",
                "/dev/zero",
                "--keyring",
                keyring.toString());
    }

    @Test
    void clearsignedSparseThreeGigabyteFile() throws Exception {
        Path sparse = dir.resolve("sparse.asc");
        try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(3L << 30);
        }
        assertOneSentence(
                sparse + ": bigger than the 4194304 bytes a clearsigned file may have",
                "verify",
                "--clearsigned",
                sparse.toString(),
                "--keyring",
                keyring.toString());
    }

    @Test
    void sumsFromFifoThatNeverEnds() throws Exception {
        Path fifo = dir.resolve("sums.fifo");
        ExternalTools.run(dir, ExternalTools.require("mkfifo", "coreutils").toString(), fifo.toString());
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                byte[] chunk = new byte[64 * 1024];
                while (true) {
                    out.write(chunk);
                }
            } catch (java.io.IOException readerGone) {
                // the child stopped reading at the cap and exited: the pipe broke, as it should
            }
        });
        writer.setDaemon(true);
        writer.start();
        assertOneSentence(
                fifo + ": bigger than the 4194304 bytes a checksum file may have",
                "verify",
                image.toString(),
                "--sums",
                fifo.toString(),
                "--insecure");
        writer.join(LIMIT.toMillis());
        assertThat(writer.isAlive()).isFalse();
    }

    @Test
    void sumsFromEndlessHttpBody() throws Exception {
        try (EndlessHttpServer server = EndlessHttpServer.start()) {
            String sumsUrl = server.url("/SHA256SUMS").toString();
            Path dest = dir.resolve("endless-sums.iso");
            assertOneSentence(
                    sumsUrl + ": bigger than the 4194304 bytes a checksum file may have",
                    "fetch",
                    server.url("/image.iso").toString(),
                    "-o",
                    dest.toString(),
                    "--sums",
                    sumsUrl,
                    "--insecure");
            // The sums are refused before the image is asked for: nothing at DEST, no DEST.part.
            assertThat(dest).doesNotExist();
            assertThat(dir.resolve("endless-sums.iso.part")).doesNotExist();
        }
    }

    @Test
    void signatureFromEndlessHttpBody() throws Exception {
        try (EndlessHttpServer server = EndlessHttpServer.start()) {
            String sigUrl = server.url("/SHA256SUMS.sig").toString();
            assertOneSentence(
                    sigUrl + ": bigger than the 1048576 bytes an OpenPGP signature may have",
                    "fetch",
                    server.url("/image.iso").toString(),
                    "-o",
                    dir.resolve("endless-sig.iso").toString(),
                    "--sums",
                    sums.toString(),
                    "--sig",
                    sigUrl,
                    "--keyring",
                    keyring.toString());
        }
    }

    @Test
    void catalogFromEndlessHttpBody() throws Exception {
        try (EndlessHttpServer server = EndlessHttpServer.start()) {
            String catalogUrl = server.url("/catalog.json").toString();
            assertOneSentence(
                    catalogUrl + ": bigger than the 1048576 bytes a catalog may have",
                    "list",
                    "--catalog",
                    catalogUrl,
                    "--catalog-keyring",
                    keyring.toString());
        }
    }

    static void assertOneSentence(String sentence, String... args) throws Exception {
        CliRun.Result result = CliRun.webbootSmallHeap(dir, LIMIT, args);
        assertThat(result.stderr()).isEqualTo("webboot: " + sentence + "\n");
        assertThat(result.exitCode()).isEqualTo(1);
    }
}
