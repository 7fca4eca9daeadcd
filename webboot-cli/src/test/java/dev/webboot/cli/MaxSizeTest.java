package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.testing.EndlessHttpServer;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 7: an endless body with no Content-Length grew DEST.part without limit; {@code --max-size} stops it
 * as the bytes arrive (and a Content-Length past it before any byte), leaving neither DEST nor DEST.part.
 */
class MaxSizeTest {
    private static final String SHA256 = "0".repeat(64);

    @Test
    void endlessBodyStopsAtMaxSize(@TempDir Path dir) throws Exception {
        try (EndlessHttpServer server = EndlessHttpServer.start()) {
            String url = server.url("/image.iso").toString();
            Path dest = dir.resolve("image.iso");
            CliRun.Result result = CliRun.webbootSmallHeap(
                    dir,
                    Duration.ofSeconds(60),
                    "fetch",
                    url,
                    "-o",
                    dest.toString(),
                    "--sha256",
                    SHA256,
                    "--max-size",
                    "1M",
                    "-q");
            assertThat(result.stderr())
                    .isEqualTo("webboot: " + url + ": bigger than the 1048576 bytes the download" + " may have\n");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(dest).doesNotExist();
            assertThat(dir.resolve("image.iso.part")).doesNotExist();
            assertThat(server.bytesSent()).isGreaterThan(1L << 20);
        }
    }

    @Test
    void announcedLengthPastMaxSizeIsRefusedBeforeTheBody(@TempDir Path dir) throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse().setBody(new Buffer().write(new byte[3 << 20])));
            server.start();
            String url = server.url("/image.iso").toString();
            Path dest = dir.resolve("image.iso");
            CliRun.Result result = CliRun.webbootSmallHeap(
                    dir,
                    Duration.ofSeconds(60),
                    "fetch",
                    url,
                    "-o",
                    dest.toString(),
                    "--sha256",
                    SHA256,
                    "--max-size",
                    "2M",
                    "-q");
            assertThat(result.stderr())
                    .isEqualTo("webboot: " + url + ": bigger than the 2097152 bytes the download" + " may have\n");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(server.getRequestCount()).isEqualTo(1);
            assertThat(dest).doesNotExist();
            assertThat(dir.resolve("image.iso.part")).doesNotExist();
        }
    }

    @Test
    void helpOfFetchAndBootNamesMaxSize(@TempDir Path dir) throws Exception {
        for (String command : new String[] {"fetch", "boot"}) {
            CliRun.Result result = CliRun.webbootSmallHeap(dir, Duration.ofSeconds(60), command, "--help");
            assertThat(result.out()).contains("--max-size=BYTES");
            assertThat(result.exitCode()).isZero();
        }
    }
}
