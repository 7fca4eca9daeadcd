package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 item 5: what {@code webboot fetch} prints on stderr when the network fails, as a user sees it: one line
 * per attempt at most (none when nothing follows it), the final sentence once, no empty DEST.part, and a DEST.part
 * with bytes kept for resume and named in the sentence.
 */
class NetworkFailureLinesTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aSingleNotFoundIsOneSentence() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse().setResponseCode(404));
            server.start();
            String url = server.url("/image.iso").toString();
            Path dest = dir.resolve("image.iso");
            CliRun.Result result = CliRun.webbootSmallHeap(
                    dir, LIMIT, "fetch", url, "-o", dest.toString(), "--sha256", "0".repeat(64));
            assertThat(result.stderr()).isEqualTo("webboot: " + url + ": HTTP 404\n");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(server.getRequestCount()).isEqualTo(1);
            assertThat(dest).doesNotExist();
            assertThat(dir.resolve("image.iso.part")).doesNotExist();
            assertThat(dir.resolve("image.iso.part.validator")).doesNotExist();
        }
    }

    @Test
    void aRefusedConnectionIsOneLinePerRetryAndOneSentence() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/image.iso";
        Path dest = dir.resolve("image.iso");
        CliRun.Result result = CliRun.webbootSmallHeap(
                dir, LIMIT, "fetch", url, "-o", dest.toString(), "--sha256", "0".repeat(64), "--retries", "3");
        List<String> lines = result.stderr().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0))
                .startsWith("webboot: retrying: " + url + ": attempt 1 of 3 failed at byte 0: ")
                .endsWith("; again in 0.5 s");
        assertThat(lines.get(1))
                .startsWith("webboot: retrying: " + url + ": attempt 2 of 3 failed at byte 0: ")
                .endsWith("; again in 1 s");
        assertThat(lines.get(2)).startsWith("webboot: " + url + ": download failed after 3 attempts (last error: ");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(dest).doesNotExist();
        assertThat(dir.resolve("image.iso.part")).doesNotExist();
    }

    @Test
    void aCutTransferKeepsItsBytesSaysSoAndResumes() throws Exception {
        byte[] image = new byte[1 << 20];
        new java.util.Random(17).nextBytes(image);
        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image));
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse()
                    .setHeader("ETag", "\"v1\"")
                    .setBody(new Buffer().write(image))
                    .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
            server.start();
            String url = server.url("/image.iso").toString();
            Path dest = dir.resolve("image.iso");
            Path part = dir.resolve("image.iso.part");
            CliRun.Result cut = CliRun.webbootSmallHeap(
                    dir, LIMIT, "fetch", url, "-o", dest.toString(), "--sha256", sha256, "--retries", "1", "-q");
            assertThat(cut.exitCode()).isEqualTo(1);
            assertThat(dest).doesNotExist();
            long kept = Files.size(part);
            assertThat(kept).isPositive().isLessThan(image.length);
            assertThat(cut.stderr())
                    .isEqualTo("webboot: " + url + ": the connection ended at byte " + kept + " of " + image.length
                            + "; the " + kept + " bytes received are kept in " + part
                            + " for the same command to resume from\n");

            server.enqueue(new MockResponse()
                    .setResponseCode(206)
                    .setHeader("ETag", "\"v1\"")
                    .setHeader("Content-Range", "bytes " + kept + "-" + (image.length - 1) + "/" + image.length)
                    .setBody(new Buffer().write(image, (int) kept, image.length - (int) kept)));
            CliRun.Result rerun =
                    CliRun.webbootSmallHeap(dir, LIMIT, "fetch", url, "-o", dest.toString(), "--sha256", sha256, "-q");
            assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
            server.takeRequest();
            RecordedRequest resumed = server.takeRequest();
            assertThat(resumed.getHeader("Range")).isEqualTo("bytes=" + kept + "-");
            assertThat(Files.readAllBytes(dest)).isEqualTo(image);
            assertThat(part).doesNotExist();
        }
    }
}
