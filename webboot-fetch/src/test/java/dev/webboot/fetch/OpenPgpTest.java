package dev.webboot.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.testing.GnuPg;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys and signatures made by the real GnuPG, verified by webboot; every refusal is one sentence saying which. */
class OpenPgpTest {
    @TempDir
    static Path dir;

    static GnuPg gpg;
    static String rsa;
    static String ed;
    static Path data;
    static Keyring all;

    @BeforeAll
    static void keys() throws IOException {
        gpg = new GnuPg(dir);
        rsa = gpg.generate("RSA Signer <rsa@example.org>", "rsa3072", "never");
        ed = gpg.generate("Ed Signer <ed@example.org>", "ed25519", "never");
        data = dir.resolve("image.iso");
        Files.write(data, "pretend this is an ISO image\n".repeat(1000).getBytes(StandardCharsets.UTF_8));
        all = Keyring.load(gpg.export(dir.resolve("all.gpg"), false));
    }

    private static SignatureVerdict verify(Path file, Path signature, Keyring keyring, Set<String> pins)
            throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return OpenPgp.verifyDetached(
                    in, file.toString(), Files.readAllBytes(signature), signature.toString(), keyring, pins);
        }
    }

    @Test
    void rsaAndEd25519DetachedSignaturesBinaryAndArmoredVerify() throws IOException {
        for (String key : List.of(rsa, ed)) {
            for (boolean armor : List.of(false, true)) {
                Path signature = gpg.detachSign(key, data, armor);
                assertThat(verify(data, signature, all, Set.of(key)).signerFingerprint())
                        .isEqualTo(key);
                assertThat(verify(data, signature, all, Set.of()).signingKeyFingerprint())
                        .isEqualTo(key);
            }
        }
    }

    @Test
    void armoredKeyringsReadLikeBinaryOnes() throws IOException {
        Keyring armored = Keyring.load(gpg.export(dir.resolve("ed.asc"), true, ed));
        assertThat(armored.fingerprints()).containsExactly(ed);
        Path signature = gpg.detachSign(ed, data, false);
        assertThat(verify(data, signature, armored, Set.of(ed)).signerFingerprint())
                .isEqualTo(ed);
    }

    @Test
    void tamperedDataIsRefused() throws IOException {
        Path signature = gpg.detachSign(rsa, data, false);
        byte[] bytes = Files.readAllBytes(data);
        bytes[100] ^= 1;
        Path tampered = dir.resolve("tampered.iso");
        Files.write(tampered, bytes);
        assertThatThrownBy(() -> verify(tampered, signature, all, Set.of(rsa)))
                .isInstanceOf(VerificationException.class)
                .hasMessage(signature + ": the signature does not match " + tampered
                        + " (the data or the signature was altered)");
    }

    @Test
    void aKeyThatIsNotPinnedIsRefused() throws IOException {
        Path signature = gpg.detachSign(ed, data, true);
        assertThatThrownBy(() -> verify(data, signature, all, Set.of(rsa)))
                .hasMessage(signature + ": signed by key " + ed + ", which is not one of the pinned keys");
    }

    @Test
    void aKeyMissingFromTheKeyringIsRefused() throws IOException {
        Keyring onlyRsa = Keyring.load(gpg.export(dir.resolve("rsa.gpg"), false, rsa));
        Path signature = gpg.detachSign(ed, data, false);
        assertThatThrownBy(() -> verify(data, signature, onlyRsa, Set.of()))
                .isInstanceOf(VerificationException.class)
                .hasMessageStartingWith(signature + ": signed by key ID ")
                .hasMessageEndingWith(", which is not in the keyring")
                .hasMessageContaining(ed.substring(24));
    }

    @Test
    void anExpiredKeyIsRefused() throws IOException {
        // Made and used in 2020 with a one-day lifetime: the signature was good then, the key is expired now.
        String expired = gpg.generate(
                "Expired <expired@example.org>", "rsa3072", "1d", "--faked-system-time", "20200101T000000");
        Path signature = gpg.detachSign(expired, data, false, "--faked-system-time", "20200101T010000");
        Keyring keyring = Keyring.load(gpg.export(dir.resolve("expired.gpg"), false, expired));
        assertThatThrownBy(() -> verify(data, signature, keyring, Set.of(expired)))
                .hasMessage(signature + ": signed by key " + expired + ", which expired on 2020-01-02");
    }

    @Test
    void aRevokedKeyIsRefused() throws IOException {
        String revoked = gpg.generate("Revoked <revoked@example.org>", "ed25519", "never");
        Path signature = gpg.detachSign(revoked, data, false);
        Keyring before = Keyring.load(gpg.export(dir.resolve("before-revocation.gpg"), false, revoked));
        assertThat(verify(data, signature, before, Set.of(revoked)).signerFingerprint())
                .isEqualTo(revoked);
        gpg.revoke(revoked);
        Keyring after = Keyring.load(gpg.export(dir.resolve("revoked.gpg"), false, revoked));
        assertThatThrownBy(() -> verify(data, signature, after, Set.of(revoked)))
                .hasMessage(signature + ": signed by key " + revoked + ", which was revoked");
    }

    @Test
    void aSubkeySignatureVerifiesAgainstThePinnedPrimaryKey() throws IOException {
        String primary = gpg.generate("Subkeyed <sub@example.org>", "ed25519", "never");
        gpg.gpg("--quick-add-key", primary, "rsa3072", "sign", "never");
        List<String> fingerprints = gpg.fingerprints(primary);
        assertThat(fingerprints).hasSize(2);
        String subkey = fingerprints.get(1);
        Path signature = gpg.detachSign(subkey + "!", data, true);
        Keyring keyring = Keyring.load(gpg.export(dir.resolve("subkeyed.gpg"), false, primary));
        SignatureVerdict verdict = verify(data, signature, keyring, Set.of(primary));
        assertThat(verdict.signerFingerprint()).isEqualTo(primary);
        assertThat(verdict.signingKeyFingerprint()).isEqualTo(subkey);
    }

    @Test
    void weakHashesAndShortKeysAreRefused() throws IOException {
        Path sha1 = gpg.detachSign(rsa, data, false, "--digest-algo", "SHA1");
        assertThatThrownBy(() -> verify(data, sha1, all, Set.of(rsa)))
                .hasMessage(sha1 + ": uses the weak hash algorithm SHA-1, which is refused");
        String small = gpg.generate("Small <small@example.org>", "rsa1024", "never");
        Path signature = gpg.detachSign(small, data, false);
        Keyring keyring = Keyring.load(gpg.export(dir.resolve("small.gpg"), false, small));
        assertThatThrownBy(() -> verify(data, signature, keyring, Set.of(small)))
                .hasMessage(signature + ": made by a 1024-bit RSA key, which is too weak");
    }

    @Test
    void clearsignedTextVerifiesAndAnyChangeIsRefused() throws IOException {
        Path sums = dir.resolve("SHA256SUMS");
        Files.writeString(
                sums,
                "-dash line that gpg escapes\n" + "a".repeat(64) + "  image.iso\ntrailing spaces   \n",
                StandardCharsets.UTF_8);
        Path signed = gpg.clearsign(ed, sums);
        byte[] message = Files.readAllBytes(signed);
        ClearsignedText text = OpenPgp.verifyClearsigned(message, "SHA256SUMS", all, Set.of(ed));
        assertThat(text.text()).isEqualTo(Files.readString(sums));
        assertThat(text.verdict().signerFingerprint()).isEqualTo(ed);

        String changed = new String(message, StandardCharsets.UTF_8).replace("image.iso", "image.isp");
        assertThatThrownBy(() -> OpenPgp.verifyClearsigned(
                        changed.getBytes(StandardCharsets.UTF_8), "SHA256SUMS", all, Set.of(ed)))
                .hasMessage("SHA256SUMS: the signature does not match SHA256SUMS"
                        + " (the data or the signature was altered)");
    }

    /** Debian's own archive signatures, fetched by apt-get update, checked against debian-archive-keyring. */
    @Test
    void debiansInReleaseFilesVerifyAgainstTheArchiveKeyringAndOneByteBreaksThem() throws IOException {
        Path keyringFile = Path.of("/usr/share/keyrings/debian-archive-keyring.gpg");
        assertThat(keyringFile)
                .as("package debian-archive-keyring is installed")
                .exists();
        Keyring debian = Keyring.load(keyringFile);
        List<Path> inReleases;
        try (Stream<Path> lists = Files.list(Path.of("/var/lib/apt/lists"))) {
            inReleases = lists.filter(p -> p.getFileName().toString().endsWith("_InRelease"))
                    .toList();
        }
        assertThat(inReleases).as("apt-get update has fetched InRelease files").isNotEmpty();
        for (Path inRelease : inReleases) {
            byte[] bytes = Files.readAllBytes(inRelease);
            ClearsignedText text = OpenPgp.verifyClearsigned(bytes, inRelease.toString(), debian, Set.of());
            assertThat(debian.fingerprints()).contains(text.verdict().signerFingerprint());
            assertThat(text.text()).contains("Origin: Debian");

            String content = new String(bytes, StandardCharsets.UTF_8);
            int at = content.indexOf("SHA256:") + 10;
            byte[] changed = content.getBytes(StandardCharsets.UTF_8);
            changed[at] = (byte) (changed[at] == '0' ? '1' : '0');
            assertThatThrownBy(() -> OpenPgp.verifyClearsigned(changed, inRelease.toString(), debian, Set.of()))
                    .isInstanceOf(VerificationException.class)
                    .hasMessageContaining("the signature does not match");
        }
    }

    @Test
    void garbageIsNotASignature() {
        assertThatThrownBy(() -> OpenPgp.verifyDetached(
                        new ByteArrayInputStream(new byte[1]),
                        "x",
                        "hello".getBytes(StandardCharsets.UTF_8),
                        "x.sig",
                        all,
                        Set.of()))
                .isInstanceOf(VerificationException.class)
                .hasMessageStartingWith("x.sig: ");
    }
}
