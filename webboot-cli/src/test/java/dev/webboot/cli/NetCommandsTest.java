package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webboot.testing.ExternalTools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fetch, verify and list through Main: exit codes 0/1/2, one-sentence failures, machine output on stdout. */
class NetCommandsTest {
    @TempDir
    Path dir;

    Path image;
    String sha256;

    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.execute(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @BeforeEach
    void image() throws Exception {
        byte[] bytes = new byte[300_000];
        new Random(3).nextBytes(bytes);
        image = dir.resolve("live.iso");
        Files.write(image, bytes);
        sha256 = ExternalTools.run(
                        dir, ExternalTools.require("sha256sum", "coreutils").toString(), "live.iso")
                .stdoutText()
                .split(" ")[0];
    }

    @Test
    void verifyWithTheRightAndTheWrongSha256() {
        Run ok = run("verify", image.toString(), "--sha256", sha256);
        assertThat(ok.status()).isZero();
        assertThat(ok.out()).isEqualTo(image + ": OK (the given SHA-256)\n");

        String wrong = (sha256.charAt(0) == '0' ? "1" : "0") + sha256.substring(1);
        Run bad = run("verify", image.toString(), "--sha256", wrong);
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err())
                .isEqualTo("webboot: " + image + ": the SHA-256 is " + sha256 + ", but the given SHA-256 says " + wrong
                        + "\n");
    }

    @Test
    void usageErrorsExit2() {
        assertThat(run("verify", image.toString()).status()).isEqualTo(2);
        assertThat(run("verify", image.toString(), "--sha256", "abc").status()).isEqualTo(2);
        assertThat(run("fetch", "file:///x").status()).isEqualTo(2);
        assertThat(run("list", "--bogus").status()).isEqualTo(2);
        assertThat(run("fetch", "no-such-distro", "-o", dir.resolve("x").toString())
                        .status())
                .isEqualTo(2);
    }

    @Test
    void signedSumsAndClearsignedFilesWithGnuPgKeys() throws Exception {
        Path home = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        String gpg = ExternalTools.require("gpg", "gnupg").toString();
        List<String> base = List.of(
                gpg,
                "--homedir",
                home.toString(),
                "--batch",
                "--yes",
                "--pinentry-mode",
                "loopback",
                "--passphrase",
                "");
        ExternalTools.run(dir, cmd(base, "--quick-gen-key", "Signer <s@example.org>", "ed25519", "sign", "never"));
        String fingerprint = ExternalTools.run(dir, cmd(base, "--with-colons", "--list-keys"))
                .stdoutText()
                .lines()
                .filter(l -> l.startsWith("fpr:"))
                .findFirst()
                .orElseThrow()
                .split(":")[9];
        Path keyring = dir.resolve("keys.asc");
        Files.write(
                keyring,
                ExternalTools.run(dir, cmd(base, "--armor", "--export")).stdout());
        Path sums = dir.resolve("SHA256SUMS");
        Files.writeString(sums, sha256 + "  live.iso\n");
        ExternalTools.run(
                dir,
                cmd(base, "--detach-sign", "-o", dir.resolve("SHA256SUMS.gpg").toString(), sums.toString()));
        ExternalTools.run(
                dir, cmd(base, "--clearsign", "-o", dir.resolve("CHECKSUM").toString(), sums.toString()));

        Run ok = run(
                "verify",
                image.toString(),
                "--sums",
                sums.toString(),
                "--sig",
                dir.resolve("SHA256SUMS.gpg").toString(),
                "--keyring",
                keyring.toString(),
                "--json");
        assertThat(ok.status()).as(ok.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(ok.out());
        assertThat(json.get("signer").asText()).isEqualTo(fingerprint);
        assertThat(json.get("sha256").asText()).isEqualTo(sha256);

        Run clear = run("verify", "--clearsigned", dir.resolve("CHECKSUM").toString(), "--keyring", keyring.toString());
        assertThat(clear.status()).isZero();
        assertThat(clear.out()).isEqualTo(fingerprint + "\n");

        Path tampered = dir.resolve("CHECKSUM.tampered");
        Files.writeString(tampered, Files.readString(dir.resolve("CHECKSUM")).replace("live.iso", "evil.iso"));
        Run bad = run("verify", "--clearsigned", tampered.toString(), "--keyring", keyring.toString());
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err())
                .isEqualTo("webboot: " + tampered + ": the signature does not match " + tampered
                        + " (the data or the signature was altered)\n");

        Run unsigned = run("verify", image.toString(), "--sums", sums.toString());
        assertThat(unsigned.status()).isEqualTo(1);
        assertThat(unsigned.err())
                .isEqualTo("webboot: " + sums.toUri() + ": is not signed, and no signature was given for it\n");
    }

    @Test
    void fetchWritesDestOnlyWhenVerified() throws Exception {
        Path dest = dir.resolve("out.iso");
        Run ok = run("fetch", image.toUri().toString(), "-o", dest.toString(), "--sha256", sha256, "--json", "-q");
        assertThat(ok.status()).as(ok.err()).isZero();
        assertThat(Files.readAllBytes(dest)).isEqualTo(Files.readAllBytes(image));
        JsonNode json = new ObjectMapper().readTree(ok.out());
        assertThat(json.get("size").asLong()).isEqualTo(300_000);
        assertThat(json.get("insecure").asBoolean()).isFalse();

        Path bad = dir.resolve("bad.iso");
        String wrong = (sha256.charAt(0) == '0' ? "1" : "0") + sha256.substring(1);
        Run refused = run("fetch", image.toUri().toString(), "-o", bad.toString(), "--sha256", wrong, "-q");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err().lines().toList()).hasSize(1);
        assertThat(refused.err()).startsWith("webboot: " + image.toUri() + ": the SHA-256 of the downloaded bytes is ");
        assertThat(bad).doesNotExist();
        assertThat(dir.resolve("bad.iso.part")).doesNotExist();

        Run nothing = run("fetch", image.toUri().toString(), "-o", bad.toString(), "-q");
        assertThat(nothing.status()).isEqualTo(1);
        assertThat(nothing.err())
                .isEqualTo("webboot: nothing to verify the image with (give --sha256 or --sums, or --insecure)\n");
        assertThat(bad).doesNotExist();

        Run insecure = run("fetch", image.toUri().toString(), "-o", bad.toString(), "--insecure");
        assertThat(insecure.status()).isZero();
        assertThat(insecure.err()).contains("webboot: warning: the image is not verified at all (--insecure)");
        assertThat(bad).exists();
    }

    @Test
    void listPrintsTheCatalogAsJsonLines() throws Exception {
        Run list = run("list", "--json");
        assertThat(list.status()).isZero();
        List<String> ids = new ArrayList<>();
        for (String line : list.out().lines().toList()) {
            JsonNode entry = new ObjectMapper().readTree(line);
            for (String field : List.of("id", "name", "version", "url", "family", "verification")) {
                assertThat(entry.hasNonNull(field)).as(field + " in " + line).isTrue();
            }
            ids.add(entry.get("id").asText());
        }
        assertThat(ids)
                .contains(
                        "archlinux",
                        "fedora",
                        "opensuse",
                        "tinycore",
                        "ubuntu",
                        "debian-live",
                        "linuxmint",
                        "manjaro",
                        "kali",
                        "systemrescue",
                        "nixos");
        assertThat(run("list").out().lines()).hasSize(ids.size());
    }

    private static String[] cmd(List<String> base, String... args) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }
}
