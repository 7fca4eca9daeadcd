package dev.webboot.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.testing.ExternalTools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fault injection on loopback: the bytes and digests are always right, or the download fails cleanly. */
class DownloaderTest {
    private static final int SIZE = (1 << 20) + 17;

    @TempDir
    Path dir;

    private final byte[] data = random(SIZE, 1);
    private MockWebServer server;
    private RangeDispatcher dispatcher;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        dispatcher = new RangeDispatcher(data, "\"v1\"");
        server.setDispatcher(dispatcher);
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    private Downloader downloader() throws IOException {
        return Downloader.builder()
                .backoff(Duration.ofMillis(1), Duration.ofMillis(5))
                .stallTimeout(Duration.ofMillis(300))
                .environment(Map.of())
                .build();
    }

    private URI url() {
        return server.url("/image.iso").uri();
    }

    private DownloadResult fetchToFile(Path dest, URI... sources) throws IOException {
        try (DownloadSink sink = DownloadSinks.file(dest)) {
            DownloadResult result = downloader()
                    .download(
                            new DownloadRequest(
                                    List.of(sources), EnumSet.of(HashAlgorithm.SHA256, HashAlgorithm.SHA512)),
                            sink);
            sink.commit();
            return result;
        }
    }

    private void assertComplete(Path dest, DownloadResult result, byte[] expected) throws Exception {
        assertThat(Files.readAllBytes(dest)).isEqualTo(expected);
        assertThat(result.size()).isEqualTo(expected.length);
        assertThat(result.digest(HashAlgorithm.SHA256)).contains(hex("SHA-256", expected));
        assertThat(result.digest(HashAlgorithm.SHA512)).contains(hex("SHA-512", expected));
        assertThat(dest.resolveSibling(dest.getFileName() + ".part")).doesNotExist();
    }

    @Test
    void aCleanDownloadMatchesSha256sum() throws Exception {
        Path dest = dir.resolve("image.iso");
        DownloadResult result = fetchToFile(dest, url());
        assertComplete(dest, result, data);
        String sha256sum = ExternalTools.run(
                        dir, ExternalTools.require("sha256sum", "coreutils").toString(), dest.toString())
                .stdoutText()
                .split(" ")[0];
        assertThat(result.digest(HashAlgorithm.SHA256)).contains(sha256sum);
        assertThat(dispatcher.requests().get(0).getHeader("Accept-Encoding")).isEqualTo("identity");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4095, 4096, 65537, 262144, 262145, 700001, SIZE - 1})
    void aConnectionCutAtAnyPointResumesWithRangeAndIfRange(int cut) throws Exception {
        dispatcher.then(new RangeDispatcher.CutAfter(cut));
        Path dest = dir.resolve("image.iso");
        DownloadResult result = fetchToFile(dest, url());
        assertComplete(dest, result, data);
        List<RecordedRequest> requests = dispatcher.requests();
        assertThat(requests).hasSize(2);
        if (cut > 0) {
            assertThat(requests.get(1).getHeader("Range")).isEqualTo("bytes=" + cut + "-");
            assertThat(requests.get(1).getHeader("If-Range")).isEqualTo("\"v1\"");
        }
    }

    @Test
    void manyCutsInARowStillEndWithTheRightBytes() throws Exception {
        dispatcher.then(
                new RangeDispatcher.CutAfter(1000),
                new RangeDispatcher.DisconnectDuringBody(),
                new RangeDispatcher.CutAfter(12345),
                new RangeDispatcher.CutAfter(0));
        Path dest = dir.resolve("image.iso");
        DownloadResult result = fetchToFile(dest, url());
        assertComplete(dest, result, data);
        assertThat(result.attempts()).isEqualTo(5);
    }

    @Test
    void aStalledConnectionIsDroppedAndResumed() throws Exception {
        dispatcher.then(new RangeDispatcher.CutAfter(5000), new RangeDispatcher.Stall(2000));
        Path dest = dir.resolve("image.iso");
        DownloadResult result = fetchToFile(dest, url());
        assertComplete(dest, result, data);
        assertThat(dispatcher.requests()).hasSize(3);
        assertThat(dispatcher.requests().get(2).getHeader("Range")).isEqualTo("bytes=5000-");
    }

    @Test
    void serverErrorsAreRetriedUntilSuccess() throws Exception {
        dispatcher.then(
                new RangeDispatcher.Status(503), new RangeDispatcher.Status(500), new RangeDispatcher.Status(429));
        Path dest = dir.resolve("image.iso");
        assertComplete(dest, fetchToFile(dest, url()), data);
        assertThat(dispatcher.requests()).hasSize(4);
    }

    @Test
    void aServerThatIgnoresTheRangeMakesTheDownloadStartAgainFromZero() throws Exception {
        dispatcher.then(new RangeDispatcher.CutAfter(300000), new RangeDispatcher.IgnoreRange());
        Path dest = dir.resolve("image.iso");
        assertComplete(dest, fetchToFile(dest, url()), data);
        assertThat(dispatcher.requests().get(1).getHeader("Range")).isEqualTo("bytes=300000-");
    }

    @Test
    void aResourceThatChangedBetweenAttemptsIsFetchedAgainWhole() throws Exception {
        byte[] v2 = random(SIZE - 1000, 2);
        dispatcher.then(new RangeDispatcher.CutAfter(400000), new RangeDispatcher.Replace(v2, "\"v2\""));
        Path dest = dir.resolve("image.iso");
        DownloadResult result = fetchToFile(dest, url());
        assertComplete(dest, result, v2);
    }

    @Test
    void aShortBodyWithACorrectContentLengthIsResumed() throws Exception {
        dispatcher.then(new RangeDispatcher.CutAfter(SIZE / 3), new RangeDispatcher.CutAfter(SIZE / 3));
        Path dest = dir.resolve("image.iso");
        assertComplete(dest, fetchToFile(dest, url()), data);
        assertThat(dispatcher.requests().get(2).getHeader("Range")).isEqualTo("bytes=" + 2 * (SIZE / 3) + "-");
    }

    @Test
    void aRedirectLoopFailsOverToTheMirror() throws Exception {
        MockWebServer looping = new MockWebServer();
        looping.setDispatcher(new RangeDispatcher(data, "\"x\"").always(new RangeDispatcher.RedirectToSelf()));
        looping.start(InetAddress.getLoopbackAddress(), 0);
        try {
            Path dest = dir.resolve("image.iso");
            assertComplete(dest, fetchToFile(dest, looping.url("/loop").uri(), url()), data);
        } finally {
            looping.shutdown();
        }
    }

    @Test
    void aRedirectLoopAloneIsACleanFailure() throws Exception {
        dispatcher.always(new RangeDispatcher.RedirectToSelf());
        Path dest = dir.resolve("image.iso");
        assertThatThrownBy(() -> fetchToFile(dest, url()))
                .isInstanceOf(DownloadException.class)
                .hasMessageStartingWith(url() + ": Too many follow-up");
        assertThat(dest).doesNotExist();
    }

    @Test
    void aMirrorThatIsDownIsSkipped() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI down = URI.create("http://127.0.0.1:" + closedPort + "/image.iso");
        Path dest = dir.resolve("image.iso");
        List<String> retries = new ArrayList<>();
        try (DownloadSink sink = DownloadSinks.file(dest)) {
            DownloadResult result = downloader()
                    .download(
                            DownloadRequest.of(down).withMirrors(List.of(url())),
                            sink,
                            new ProgressListener() {
                                @Override
                                public void onProgress(Progress progress) {}

                                @Override
                                public void onRetry(String sentence) {
                                    retries.add(sentence);
                                }
                            },
                            new Cancellation());
            sink.commit();
            assertThat(result.source()).isEqualTo(url());
            assertComplete(dest, result, data);
        }
        assertThat(retries).hasSize(5).allMatch(s -> s.startsWith(down + ": "));
    }

    @Test
    void persistentFailureIsACleanFailureWithNothingAtDest() throws Exception {
        dispatcher.always(new RangeDispatcher.Status(502));
        Path dest = dir.resolve("image.iso");
        assertThatThrownBy(() -> fetchToFile(dest, url()))
                .isInstanceOf(DownloadException.class)
                .hasMessage(url() + ": download failed after 5 attempts (last error: HTTP 502)");
        assertThat(dest).doesNotExist();
    }

    @Test
    void aNotFoundSourceIsNotRetried() throws Exception {
        dispatcher.always(new RangeDispatcher.Status(404));
        Path dest = dir.resolve("image.iso");
        assertThatThrownBy(() -> fetchToFile(dest, url())).hasMessage(url() + ": HTTP 404");
        assertThat(dispatcher.requests()).hasSize(1);
    }

    @Test
    void aPartFileFromAnEarlierRunIsRehashedAndResumed() throws Exception {
        Path dest = dir.resolve("image.iso");
        dispatcher.then(new RangeDispatcher.CutAfter(500000)).always(new RangeDispatcher.Status(503));
        assertThatThrownBy(() -> fetchToFile(dest, url())).isInstanceOf(DownloadException.class);
        Path part = dir.resolve("image.iso.part");
        assertThat(Files.size(part)).isEqualTo(500000);
        assertThat(dest).doesNotExist();

        RangeDispatcher healthy = new RangeDispatcher(data, "\"v1\"");
        server.setDispatcher(healthy);
        DownloadResult result = fetchToFile(dest, url());
        assertComplete(dest, result, data);
        assertThat(healthy.requests()).hasSize(1);
        assertThat(healthy.requests().get(0).getHeader("Range")).isEqualTo("bytes=500000-");
        assertThat(healthy.requests().get(0).getHeader("If-Range")).isEqualTo("\"v1\"");
        assertThat(healthy.requests().get(0).getBodySize()).isZero();
    }

    @Test
    void cancellingFromAnotherThreadStopsTheDownload() throws Exception {
        dispatcher.always(new RangeDispatcher.Stall(1500));
        Cancellation cancellation = new Cancellation();
        Path dest = dir.resolve("image.iso");
        Downloader slow = Downloader.builder()
                .stallTimeout(Duration.ofSeconds(30))
                .environment(Map.of())
                .build();
        Thread canceller = new Thread(() -> {
            while (dispatcher.requests().isEmpty()) {
                Thread.onSpinWait();
            }
            cancellation.cancel();
        });
        canceller.start();
        try (DownloadSink sink = DownloadSinks.file(dest)) {
            assertThatThrownBy(
                            () -> slow.download(DownloadRequest.of(url()), sink, ProgressListener.NONE, cancellation))
                    .isInstanceOf(DownloadException.class)
                    .hasMessage(url() + ": download cancelled");
        }
        canceller.join();
        assertThat(dest).doesNotExist();
    }

    @Test
    void theDeadlineEndsTheDownload() throws Exception {
        dispatcher.always(new RangeDispatcher.Stall(1500));
        Downloader bounded = Downloader.builder()
                .stallTimeout(Duration.ofSeconds(30))
                .deadline(Duration.ofMillis(300))
                .environment(Map.of())
                .build();
        try (DownloadSink sink = DownloadSinks.file(dir.resolve("image.iso"))) {
            assertThatThrownBy(() -> bounded.download(DownloadRequest.of(url()), sink))
                    .isInstanceOf(DownloadException.class)
                    .hasMessage(url() + ": download did not finish within 300 ms");
        }
    }

    @Test
    void progressEventsCountUpToTheTotal() throws Exception {
        List<Progress> events = new ArrayList<>();
        dispatcher.then(new RangeDispatcher.CutAfter(100000));
        Downloader eager = Downloader.builder()
                .backoff(Duration.ofMillis(1), Duration.ofMillis(1))
                .progressInterval(Duration.ZERO)
                .environment(Map.of())
                .build();
        try (DownloadSink sink = DownloadSinks.file(dir.resolve("image.iso"))) {
            eager.download(DownloadRequest.of(url()), sink, events::add, new Cancellation());
        }
        assertThat(events).isNotEmpty();
        assertThat(events.get(events.size() - 1).bytes()).isEqualTo(SIZE);
        assertThat(events.get(events.size() - 1).total()).hasValue(SIZE);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).bytes())
                    .isGreaterThanOrEqualTo(events.get(i - 1).bytes());
        }
    }

    @Test
    void fileUrlsAreCopiedAndHashed() throws Exception {
        Path source = dir.resolve("source.iso");
        Files.write(source, data);
        Path dest = dir.resolve("copy.iso");
        assertComplete(dest, fetchToFile(dest, source.toUri()), data);
    }

    @Test
    void aChannelSinkGetsTheBytesAndCannotBeRewound() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DownloadResult result = downloader()
                .download(DownloadRequest.of(url()), DownloadSinks.channel(Channels.newChannel(out), "pipe"));
        assertThat(out.toByteArray()).isEqualTo(data);
        assertThat(result.digest(HashAlgorithm.SHA256)).contains(hex("SHA-256", data));

        dispatcher.then(new RangeDispatcher.CutAfter(300000), new RangeDispatcher.IgnoreRange());
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        assertThatThrownBy(() -> downloader()
                        .download(
                                DownloadRequest.of(url()), DownloadSinks.channel(Channels.newChannel(second), "pipe")))
                .isInstanceOf(DownloadException.class)
                .hasMessageStartingWith("pipe: the server sent the resource again from the start");
    }

    @Test
    void aBlockDeviceSinkIsWrittenInPlaceAndWipedOnDiscard() throws Exception {
        // A regular file stands in for the device: the sink only needs positional writes.
        Path device = dir.resolve("pmem0");
        Files.write(device, new byte[SIZE + 4096]);
        try (DownloadSink sink = DownloadSinks.blockDevice(device)) {
            dispatcher.then(new RangeDispatcher.CutAfter(77777));
            DownloadResult result = downloader().download(DownloadRequest.of(url()), sink);
            assertThat(result.digest(HashAlgorithm.SHA256)).contains(hex("SHA-256", data));
            byte[] written = Files.readAllBytes(device);
            assertThat(java.util.Arrays.copyOf(written, SIZE)).isEqualTo(data);
            sink.discard();
        }
        byte[] wiped = Files.readAllBytes(device);
        assertThat(java.util.Arrays.copyOf(wiped, 65536)).isEqualTo(new byte[65536]);
        assertThat(java.util.Arrays.copyOfRange(wiped, 65536, SIZE))
                .isEqualTo(java.util.Arrays.copyOfRange(data, 65536, SIZE));
    }

    @Test
    void aRealBlockDeviceIsWrittenInPlaceAcrossACutAndWipedOnDiscard() throws Exception {
        // A loop device over a file: a real block device, as /dev/pmem0 is (needs root, as CI has).
        Path backing = dir.resolve("backing");
        Files.write(backing, new byte[4 << 20]);
        String losetup =
                dev.webboot.testing.ExternalTools.require("losetup", "mount").toString();
        String device = dev.webboot.testing.ExternalTools.run(dir, losetup, "--find", "--show", backing.toString())
                .stdoutText()
                .strip();
        try {
            Path loop = Path.of(device);
            try (DownloadSink sink = DownloadSinks.forDestination(loop)) {
                assertThat(sink.getClass().getSimpleName()).isEqualTo("BlockDeviceSink");
                dispatcher.then(new RangeDispatcher.CutAfter(123457));
                DownloadResult result = downloader().download(DownloadRequest.of(url()), sink);
                assertThat(result.digest(HashAlgorithm.SHA256)).contains(hex("SHA-256", data));
                assertThat(result.attempts()).isEqualTo(2);
                sink.commit();
                byte[] onDevice = new byte[SIZE];
                try (java.io.InputStream in = Files.newInputStream(loop)) {
                    assertThat(in.readNBytes(onDevice, 0, SIZE)).isEqualTo(SIZE);
                }
                assertThat(onDevice).isEqualTo(data);
                sink.discard();
            }
            byte[] wiped = new byte[SIZE];
            try (java.io.InputStream in = Files.newInputStream(loop)) {
                in.readNBytes(wiped, 0, SIZE);
            }
            assertThat(java.util.Arrays.copyOf(wiped, 65536)).isEqualTo(new byte[65536]);
            assertThat(java.util.Arrays.copyOfRange(wiped, 65536, SIZE))
                    .isEqualTo(java.util.Arrays.copyOfRange(data, 65536, SIZE));
        } finally {
            dev.webboot.testing.ExternalTools.runAllowingFailure(dir, losetup, "--detach", device);
        }
    }

    @Test
    void httpProxyFromTheEnvironmentIsUsedAndNoProxyBypassesIt() throws Exception {
        MockWebServer proxy = new MockWebServer();
        proxy.enqueue(new MockResponse().setBody("via proxy"));
        proxy.start(InetAddress.getLoopbackAddress(), 0);
        try {
            Downloader proxied = Downloader.builder()
                    .environment(Map.of("http_proxy", "http://127.0.0.1:" + proxy.getPort(), "no_proxy", "localhost"))
                    .attemptsPerSource(1)
                    .build();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            proxied.download(
                    DownloadRequest.of(URI.create("http://distro.example.org/image.iso")),
                    DownloadSinks.channel(Channels.newChannel(out), "out"));
            assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("via proxy");
            assertThat(proxy.takeRequest().getRequestLine())
                    .isEqualTo("GET http://distro.example.org/image.iso HTTP/1.1");
        } finally {
            proxy.shutdown();
        }
    }
}
