package dev.webboot.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real nginx serving a multi-GiB sparse file: the download survives an nginx restart mid-transfer. */
class NginxDownloadTest {
    private static final long SIZE = (1L << 31) + (64L << 20); // past 2^31: every offset must be a long

    @TempDir
    Path dir;

    /** Discards the bytes (the digests are computed by the downloader): no 2 GiB on the test disk. */
    static final class Discard implements WritableByteChannel {
        long written;

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            written += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }

    @Test
    void aMultiGibSparseFileResumesAcrossAnNginxRestart() throws Exception {
        Path www = Files.createDirectories(dir.resolve("www"));
        Path image = www.resolve("big.iso");
        String expected = DownloadFixtures.sparse(dir, image, SIZE, 5, 0, (1L << 31) + 5, SIZE - (1 << 20));

        try (Nginx nginx = new Nginx(dir, www).start()) {
            Downloader downloader = Downloader.builder()
                    .environment(Map.of())
                    .backoff(Duration.ofMillis(50), Duration.ofMillis(200))
                    .progressInterval(Duration.ZERO)
                    .build();
            Discard discard = new Discard();
            long restartAt = (1L << 30) + (1L << 20); // just past 1 GiB
            boolean[] restarted = {false};
            ProgressListener restartOnce = progress -> {
                if (!restarted[0] && progress.bytes() >= restartAt) {
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
                            .withAlgorithms(java.util.EnumSet.of(HashAlgorithm.SHA256)),
                    DownloadSinks.channel(discard, "discard"),
                    restartOnce,
                    new Cancellation());
            assertThat(restarted[0]).isTrue();
            assertThat(result.size()).isEqualTo(SIZE);
            assertThat(discard.written).isEqualTo(SIZE);
            assertThat(result.digest(HashAlgorithm.SHA256)).contains(expected);
            assertThat(result.attempts()).isEqualTo(2);
            // The second nginx answered the resumed request with a partial response.
            assertThat(nginx.accessLog()).contains("\"GET /big.iso HTTP/1.1\" 206 ");
        }
    }
}
