package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webboot.boot.ImageServer;
import dev.webboot.boot.TestIso;
import dev.webboot.testing.GnuPg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code webboot boot} as a user runs it (a child JVM), against an ISO published over HTTP with signed sums. */
class BootCommandTest {
    @TempDir
    static Path dir;

    static TestIso iso;
    static byte[] isoBytes;
    static String fingerprint;
    static Path keyring;
    static ImageServer files;
    static MockWebServer server;

    @BeforeAll
    static void publish() throws IOException {
        iso = TestIso.build(dir, "marker-live.iso", "WEBBOOT-CLI-MARKER");
        isoBytes = Files.readAllBytes(iso.iso);
        GnuPg gpg = new GnuPg(dir);
        fingerprint = gpg.generate("Marker Live <sign@example.org>");
        keyring = gpg.export("sign@example.org", dir.resolve("marker.gpg"));
        Path sums = Files.writeString(dir.resolve("SHA256SUMS"), TestIso.sha256(isoBytes) + "  marker-live.iso\n");
        Path signature = gpg.detachSign("sign@example.org", sums, dir.resolve("SHA256SUMS.gpg"));
        byte[] tampered = isoBytes.clone();
        tampered[40_000] ^= 0x20;
        files = new ImageServer()
                .publish("/marker-live.iso", isoBytes)
                .publish("/bad/marker-live.iso", tampered)
                .publish("/SHA256SUMS", Files.readAllBytes(sums))
                .publish("/SHA256SUMS.gpg", Files.readAllBytes(signature));
        server = new MockWebServer();
        server.setDispatcher(files);
        server.start();
    }

    @AfterAll
    static void stop() throws IOException {
        server.shutdown();
    }

    private static String url(String path) {
        return server.url(path).toString();
    }

    private static Path device(String name) throws IOException {
        Path device = dir.resolve(name);
        Files.write(device, new byte[32 << 20]);
        return device;
    }

    private static CliRun.Result boot(Path device, String isoPath, String... more) {
        String[] args = {
            "boot",
            url(isoPath),
            "--sums",
            url("/SHA256SUMS"),
            "--sig",
            url("/SHA256SUMS.gpg"),
            "--keyring",
            keyring.toString(),
            "--device",
            device.toString(),
            "--log",
            device + ".log",
            "-q"
        };
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRun.webboot(dir, all);
    }

    @Test
    void dryRunPrintsTheOutcomeAsOneJsonLine() throws Exception {
        Path device = device("pmem-json");
        CliRun.Result r = boot(device, "/marker-live.iso", "--dry-run", "--json", "--append", "webboot.test=cli");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.out().lines()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("sha256").asText()).isEqualTo(TestIso.sha256(isoBytes));
        assertThat(json.path("size").asLong()).isEqualTo(isoBytes.length);
        assertThat(json.path("signer").asText()).isEqualTo(fingerprint);
        assertThat(json.path("insecure").asBoolean()).isFalse();
        assertThat(json.path("family").asText()).isEqualTo("generic");
        assertThat(json.path("entry").asInt()).isZero();
        assertThat(json.path("title").asText()).isEqualTo("Marker live");
        assertThat(json.path("kernel").asText()).isEqualTo(TestIso.KERNEL);
        assertThat(json.path("cmdline").asText())
                .startsWith(TestIso.FIRST_CMDLINE + " ")
                .endsWith(" webboot.test=cli");
        assertThat(json.path("medium").asText()).isEqualTo("pmem");
        assertThat(json.path("device").asText()).isEqualTo(device.toString());
        assertThat(json.path("dryRun").asBoolean()).isTrue();
        assertThat(json.path("executed").asBoolean()).isFalse();
        assertThat(json.path("timingsMillis").has("fetch")).isTrue();
        assertThat(json.path("log").asText()).isEqualTo(device + ".log");
        assertThat(Files.readString(Path.of(device + ".log")))
                .contains("cmdline: " + json.path("cmdline").asText())
                .contains(fingerprint);
        assertThat(r.stderr()).contains("webboot: entry 0: Marker live");
        try (var in = Files.newInputStream(device)) {
            assertThat(in.readNBytes(isoBytes.length)).isEqualTo(isoBytes);
        }
    }

    @Test
    void dryRunInTextNamesTheEntryAndTheCommandLine() throws Exception {
        CliRun.Result r = boot(device("pmem-text"), "/marker-live.iso", "--dry-run", "--entry", "1");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.out())
                .startsWith("would boot entry 1: Marker live (second)\n")
                .contains("  cmdline: " + TestIso.SECOND_CMDLINE)
                .contains("  verified by: " + url("/SHA256SUMS") + ", signed by " + fingerprint);
    }

    @Test
    void aTamperedIsoFailsWithOneSentenceAndExitStatus1() throws Exception {
        CliRun.Result r = boot(device("pmem-bad"), "/bad/marker-live.iso", "--dry-run");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        String last = r.stderr().strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(last)
                .startsWith("webboot: FAILED in fetch: " + url("/bad/marker-live.iso")
                        + ": the SHA-256 of the downloaded bytes is ")
                .endsWith(" says " + TestIso.sha256(isoBytes));
        assertThat(r.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.stderr().lines().filter(l -> l.contains("the SHA-256 of the downloaded bytes")))
                .as("the failure is said once")
                .hasSize(1);
    }

    @Test
    void anEntryOutsideThePlanIsAFailureAndContradictoryEvidenceIsAUsageError() throws Exception {
        CliRun.Result entry = boot(device("pmem-entry"), "/marker-live.iso", "--dry-run", "--entry", "5");
        assertThat(entry.exitCode()).isEqualTo(1);
        assertThat(entry.stderr()).contains("webboot: FAILED in plan: entry 5: the plan has 2 entries (0 to 1)");

        CliRun.Result usage = CliRun.webboot(
                dir, "boot", url("/marker-live.iso"), "--sha256", "0".repeat(64), "--sums", url("/SHA256SUMS"));
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.stderr()).contains("give --sha256 or --sums, not both");

        CliRun.Result unknown = CliRun.webboot(
                dir,
                "boot",
                "no-such-distro",
                "--dry-run",
                "--log",
                dir.resolve("unknown.log").toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("no-such-distro: no such distro in built-in catalog (see webboot list)");
    }
}
