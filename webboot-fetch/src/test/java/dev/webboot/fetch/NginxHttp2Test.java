package dev.webboot.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 against a real server: nginx with TLS and {@code http2} (its access log records the protocol each request
 * used), cut mid-transfer and restarted, so the resume with Range/If-Range also runs over HTTP/2.
 */
class NginxHttp2Test {
    private static final long SIZE = 256L << 20;

    @TempDir
    Path dir;

    @Test
    void downloadsAndResumesOverHttp2() throws Exception {
        DownloadFixtures.selfSignedCertificate(dir);
        Path www = Files.createDirectories(dir.resolve("www"));
        long[] markers = new long[(int) (SIZE / (16L << 20))];
        for (int i = 0; i < markers.length; i++) {
            markers[i] = i * (16L << 20);
        }
        String expected = DownloadFixtures.sparse(dir, www.resolve("big.iso"), SIZE, 7, markers);

        try (Nginx nginx = new Nginx(dir, www, dir.resolve("cert.pem"), dir.resolve("key.pem")).start()) {
            Downloader downloader = Downloader.builder()
                    .environment(Map.of())
                    .extraCaBundle(dir.resolve("cert.pem"))
                    .backoff(Duration.ofMillis(50), Duration.ofMillis(200))
                    .progressInterval(Duration.ZERO)
                    .build();
            NginxDownloadTest.Discard discard = new NginxDownloadTest.Discard();
            boolean[] restarted = {false};
            ProgressListener restartOnce = progress -> {
                if (!restarted[0] && progress.bytes() >= SIZE / 4) {
                    restarted[0] = true;
                    try {
                        nginx.kill();
                        nginx.start();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }
            };
            DownloadResult result = downloader.download(
                    DownloadRequest.of(URI.create(nginx.url("/big.iso")))
                            .withAlgorithms(EnumSet.of(HashAlgorithm.SHA256)),
                    DownloadSinks.channel(discard, "discard"),
                    restartOnce,
                    new Cancellation());
            assertThat(restarted[0]).isTrue();
            assertThat(result.size()).isEqualTo(SIZE);
            assertThat(discard.written).isEqualTo(SIZE);
            assertThat(result.digest(HashAlgorithm.SHA256)).contains(expected);
            assertThat(result.attempts()).isEqualTo(2);
            // The restarted nginx served the resumed range, and it was HTTP/2.
            assertThat(nginx.accessLog()).contains("\"GET /big.iso HTTP/2.0\" 206 ");
        }
    }
}
