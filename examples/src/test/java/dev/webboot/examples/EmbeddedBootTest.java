package dev.webboot.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.boot.BootOutcome;
import dev.webboot.boot.BootRequest;
import dev.webboot.boot.ImageServer;
import dev.webboot.boot.TestIso;
import dev.webboot.boot.WebBoot;
import dev.webboot.testing.GnuPg;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding example against an ISO made by xorriso, published with sums signed by GnuPG. */
class EmbeddedBootTest {
    @TempDir
    Path dir;

    @Test
    void dryRunsASignedIsoAndSaysWhatItWouldBoot() throws Exception {
        TestIso iso = TestIso.build(dir, "marker-live.iso", "EXAMPLE-MARKER");
        byte[] bytes = Files.readAllBytes(iso.iso);
        GnuPg gpg = new GnuPg(dir);
        String fingerprint = gpg.generate("Example <sign@example.org>");
        Path keyring = gpg.export("sign@example.org", dir.resolve("example.gpg"));
        Path sums = Files.writeString(dir.resolve("SHA256SUMS"), TestIso.sha256(bytes) + "  marker-live.iso\n");
        Path signature = gpg.detachSign("sign@example.org", sums, dir.resolve("SHA256SUMS.gpg"));
        Path device = Files.write(dir.resolve("pmem0"), new byte[32 << 20]);
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new ImageServer()
                    .publish("/marker-live.iso", bytes)
                    .publish("/SHA256SUMS", Files.readAllBytes(sums))
                    .publish("/SHA256SUMS.gpg", Files.readAllBytes(signature)));
            server.start();
            BootRequest request = BootRequest.builder(
                            server.url("/marker-live.iso").toString())
                    .sums(server.url("/SHA256SUMS").toString())
                    .signature(server.url("/SHA256SUMS.gpg").toString())
                    .keyrings(List.of(keyring))
                    .device(device)
                    .logFile(dir.resolve("boot.log"))
                    .build();
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            BootOutcome outcome = EmbeddedBoot.dryRun(
                    WebBoot.builder().logEcho(line -> {}).build(),
                    request,
                    new PrintStream(text, true, StandardCharsets.UTF_8));
            assertThat(outcome.executed()).isFalse();
            assertThat(outcome.verification().signerFingerprint()).contains(fingerprint);
            assertThat(text.toString(StandardCharsets.UTF_8))
                    .contains("[fetch] ")
                    .contains("  " + bytes.length + " bytes")
                    .contains("would boot Marker live with: " + TestIso.FIRST_CMDLINE)
                    .contains("verified by " + server.url("/SHA256SUMS") + ", signed by " + fingerprint);
        }
    }
}
