package dev.webboot.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.testing.GnuPg;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain signature → sums → digest, with sums and signatures made by GnuPG and served on loopback. */
class FetcherTest {
    @TempDir
    static Path dir;

    static GnuPg gpg;
    static String key;
    static Keyring keyring;
    static MockWebServer server;
    static FilesDispatcher files;
    static byte[] image = DownloaderTest.random(300_000, 7);
    static byte[] evil = DownloaderTest.random(300_000, 8);

    @BeforeAll
    static void setUp() throws Exception {
        gpg = new GnuPg(dir);
        key = gpg.generate("Distro Signing <sign@distro.example>", "ed25519", "never");
        keyring = Keyring.load(gpg.export(dir.resolve("distro.gpg"), false, key));
        Path sums = dir.resolve("SHA256SUMS");
        Files.writeString(
                sums,
                DownloaderTest.hex("SHA-256", "other".getBytes(StandardCharsets.UTF_8)) + "  other.iso\n"
                        + DownloaderTest.hex("SHA-256", image) + " *live-amd64.iso\n");
        Path checksum = dir.resolve("CHECKSUM");
        Files.writeString(
                checksum,
                "# live-amd64.iso: 300000 bytes\nSHA256 (live-amd64.iso) = " + DownloaderTest.hex("SHA-256", image)
                        + "\n");
        Path imageFile = dir.resolve("live-amd64.iso");
        Files.write(imageFile, image);
        files = new FilesDispatcher()
                .put("/live-amd64.iso", image)
                .put("/evil/live-amd64.iso", evil)
                .put("/SHA256SUMS", Files.readAllBytes(sums))
                .put("/SHA256SUMS.gpg", Files.readAllBytes(gpg.detachSign(key, sums, false)))
                .put("/CHECKSUM", Files.readAllBytes(gpg.clearsign(key, checksum)))
                .put("/live-amd64.iso.sig", Files.readAllBytes(gpg.detachSign(key, imageFile, false)))
                .put("/unsigned/SHA256SUMS", Files.readAllBytes(sums));
        server = new MockWebServer();
        server.setDispatcher(files);
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterAll
    static void tearDown() throws IOException {
        server.shutdown();
    }

    static URI url(String path) {
        return server.url(path).uri();
    }

    static Fetcher fetcher() throws IOException {
        return new Fetcher(Downloader.builder()
                .backoff(Duration.ofMillis(1), Duration.ofMillis(1))
                .environment(Map.of())
                .build());
    }

    FetchResult fetch(String imagePath, Expectation expectation, boolean insecure, Path dest) throws IOException {
        try (DownloadSink sink = DownloadSinks.file(dest)) {
            return fetcher()
                    .fetch(
                            DownloadRequest.of(url(imagePath)),
                            sink,
                            expectation,
                            insecure,
                            ProgressListener.NONE,
                            new Cancellation());
        }
    }

    Expectation.SignedSums sums(String sums, Optional<String> signature) {
        return new Expectation.SignedSums(
                url(sums), signature.map(FetcherTest::url), keyring, Set.of(key), "live-amd64.iso");
    }

    @Test
    void detachedSignatureOverGnuSums() throws IOException {
        Path dest = dir.resolve("a.iso");
        FetchResult result = fetch("/live-amd64.iso", sums("/SHA256SUMS", Optional.of("/SHA256SUMS.gpg")), false, dest);
        assertThat(Files.readAllBytes(dest)).isEqualTo(image);
        assertThat(result.signer().orElseThrow().signerFingerprint()).isEqualTo(key);
        assertThat(result.insecure()).isFalse();
        assertThat(result.verified()).isEqualTo(url("/SHA256SUMS") + ", signed by " + key);
    }

    @Test
    void clearsignedFedoraStyleChecksum() throws IOException {
        Path dest = dir.resolve("b.iso");
        FetchResult result = fetch("/live-amd64.iso", sums("/CHECKSUM", Optional.empty()), false, dest);
        assertThat(Files.readAllBytes(dest)).isEqualTo(image);
        assertThat(result.signer()).isPresent();
    }

    @Test
    void aDetachedSignatureOverTheImageItself() throws IOException {
        Path dest = dir.resolve("c.iso");
        fetch(
                "/live-amd64.iso",
                new Expectation.SignedImage(url("/live-amd64.iso.sig"), keyring, Set.of(key)),
                false,
                dest);
        assertThat(Files.readAllBytes(dest)).isEqualTo(image);

        Path bad = dir.resolve("c-evil.iso");
        assertThatThrownBy(() -> fetch(
                        "/evil/live-amd64.iso",
                        new Expectation.SignedImage(url("/live-amd64.iso.sig"), keyring, Set.of(key)),
                        false,
                        bad))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("the signature does not match " + bad);
        assertNothingAt(bad);
    }

    @Test
    void tamperedImageBytesAreRefusedAndNothingIsLeftAtDest() {
        Path dest = dir.resolve("d.iso");
        assertThatThrownBy(() ->
                        fetch("/evil/live-amd64.iso", sums("/SHA256SUMS", Optional.of("/SHA256SUMS.gpg")), false, dest))
                .isInstanceOf(VerificationException.class)
                .hasMessage(url("/evil/live-amd64.iso") + ": the SHA-256 of the downloaded bytes is " + hexOf(evil)
                        + ", but " + url("/SHA256SUMS") + ", signed by " + key + " says " + hexOf(image));
        assertNothingAt(dest);
    }

    @Test
    void aSumsFileWhoseSignatureDoesNotMatchIsRefusedBeforeTheImageIsFetched() {
        int before =
                (int) files.paths().stream().filter(p -> p.endsWith(".iso")).count();
        Path dest = dir.resolve("e.iso");
        // The clearsigned CHECKSUM's signature, offered as a detached one for SHA256SUMS: a mismatch.
        assertThatThrownBy(() ->
                        fetch("/live-amd64.iso", sums("/SHA256SUMS", Optional.of("/live-amd64.iso.sig")), false, dest))
                .isInstanceOf(VerificationException.class)
                .hasMessage(url("/live-amd64.iso.sig") + ": the signature does not match " + url("/SHA256SUMS")
                        + " (the data or the signature was altered)");
        assertThat(files.paths().stream().filter(p -> p.endsWith(".iso")).count())
                .isEqualTo(before);
        assertNothingAt(dest);
    }

    @Test
    void unsignedSumsAreRefusedUnlessInsecure() throws IOException {
        Path dest = dir.resolve("f.iso");
        assertThatThrownBy(() -> fetch("/live-amd64.iso", sums("/unsigned/SHA256SUMS", Optional.empty()), false, dest))
                .hasMessage(url("/unsigned/SHA256SUMS") + ": is not signed, and no signature was given for it");
        assertNothingAt(dest);
        FetchResult result = fetch("/live-amd64.iso", sums("/unsigned/SHA256SUMS", Optional.empty()), true, dest);
        assertThat(result.warnings()).containsExactly(url("/unsigned/SHA256SUMS") + ": is not signed (--insecure)");
        assertThat(Files.readAllBytes(dest)).isEqualTo(image);
    }

    @Test
    void aSumsFileThatDoesNotNameTheImageIsRefused() {
        Path dest = dir.resolve("g.iso");
        Expectation.SignedSums other = new Expectation.SignedSums(
                url("/SHA256SUMS"), Optional.of(url("/SHA256SUMS.gpg")), keyring, Set.of(key), "missing.iso");
        assertThatThrownBy(() -> fetch("/live-amd64.iso", other, false, dest))
                .hasMessage(url("/SHA256SUMS") + ": does not list missing.iso");
    }

    @Test
    void noEvidenceAtAllNeedsInsecure() throws IOException {
        Path dest = dir.resolve("h.iso");
        assertThatThrownBy(() -> fetch("/live-amd64.iso", new Expectation.Nothing(), false, dest))
                .isInstanceOf(VerificationException.class);
        assertNothingAt(dest);
        assertThat(fetch("/live-amd64.iso", new Expectation.Nothing(), true, dest)
                        .warnings())
                .containsExactly("the image is not verified at all (--insecure)");
    }

    @Test
    void aGivenDigest() throws IOException {
        Path dest = dir.resolve("i.iso");
        fetch("/live-amd64.iso", new Expectation.Digest(HashAlgorithm.SHA256, hexOf(image)), false, dest);
        assertThat(Files.readAllBytes(dest)).isEqualTo(image);
        Path bad = dir.resolve("j.iso");
        assertThatThrownBy(() -> fetch(
                        "/evil/live-amd64.iso", new Expectation.Digest(HashAlgorithm.SHA256, hexOf(image)), false, bad))
                .isInstanceOf(VerificationException.class);
        assertNothingAt(bad);
    }

    @Test
    void localFilesVerifyTheSameWay() throws IOException {
        Path local = dir.resolve("live-amd64.iso");
        FetchResult result = fetcher()
                .verifyLocal(
                        local,
                        new Expectation.SignedSums(
                                dir.resolve("SHA256SUMS").toUri(),
                                Optional.of(dir.resolve("SHA256SUMS.sig").toUri()),
                                keyring,
                                Set.of(key),
                                "live-amd64.iso"),
                        false);
        assertThat(result.signer().orElseThrow().signerFingerprint()).isEqualTo(key);
    }

    @Test
    void aFailedTransferKeepsThePartFileAndTheNextFetchResumesAndVerifies() throws Exception {
        RangeDispatcher flaky = new RangeDispatcher(image, "\"img\"")
                .then(new RangeDispatcher.CutAfter(120_000))
                .always(new RangeDispatcher.Status(503));
        MockWebServer imageServer = new MockWebServer();
        imageServer.setDispatcher(flaky);
        imageServer.start(InetAddress.getLoopbackAddress(), 0);
        try {
            Path dest = dir.resolve("resumed.iso");
            Expectation digest = new Expectation.Digest(HashAlgorithm.SHA256, hexOf(image));
            Fetcher fetcher = fetcher();
            try (DownloadSink sink = DownloadSinks.file(dest)) {
                assertThatThrownBy(() -> fetcher.fetch(
                                DownloadRequest.of(imageServer.url("/i.iso").uri()),
                                sink,
                                digest,
                                false,
                                ProgressListener.NONE,
                                new Cancellation()))
                        .isInstanceOf(DownloadException.class)
                        .isNotInstanceOf(VerificationException.class);
            }
            assertThat(dest).doesNotExist();
            assertThat(Files.size(dir.resolve("resumed.iso.part"))).isEqualTo(120_000);

            RangeDispatcher healthy = new RangeDispatcher(image, "\"img\"");
            imageServer.setDispatcher(healthy);
            try (DownloadSink sink = DownloadSinks.file(dest)) {
                fetcher.fetch(
                        DownloadRequest.of(imageServer.url("/i.iso").uri()),
                        sink,
                        digest,
                        false,
                        ProgressListener.NONE,
                        new Cancellation());
            }
            assertThat(Files.readAllBytes(dest)).isEqualTo(image);
            assertThat(healthy.requests().get(0).getHeader("Range")).isEqualTo("bytes=120000-");
            assertNothingAt(dir.resolve("resumed.iso.part.validator"));
        } finally {
            imageServer.shutdown();
        }
    }

    static String hexOf(byte[] bytes) {
        try {
            return DownloaderTest.hex("SHA-256", bytes);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void assertNothingAt(Path dest) {
        assertThat(dest).doesNotExist();
        assertThat(dest.resolveSibling(dest.getFileName() + ".part")).doesNotExist();
    }
}
