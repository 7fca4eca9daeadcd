package dev.webboot.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.api.catalog.CatalogEntry;
import dev.webboot.testing.ExternalTools;
import dev.webboot.testing.GnuPg;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real files signed by publishers, checked against the keys the built-in catalog ships: proof that each shipped key
 * is the one the publisher signs with. GnuPG, given only the shipped key file, is the peer; a one-byte change must be
 * refused by both.
 *
 * <p>The fixtures under {@code publisher/} are small published files copied from public repositories' test data (the
 * build machine has no internet); the signatures are the publishers' own, so a copy cannot have been altered without
 * these tests failing:
 *
 * <ul>
 *   <li>{@code ubuntu-26.04/}: {@code SHA256SUMS} and {@code SHA256SUMS.gpg} of releases.ubuntu.com/26.04/, signed
 *       2026-08-27; the list names the catalog's Ubuntu image.
 *   <li>{@code fedora-44/}: the clearsigned {@code CHECKSUM} of Fedora 44-1.7's aarch64 Cloud images, signed
 *       2026-04-24 with the Fedora 44 key (Fedora signs every CHECKSUM of a release with that release's key).
 *   <li>{@code opensuse/}: a Leap 16.0 image's {@code .sha256} and {@code .sha256.asc}, signed 2026-06-19 with the
 *       openSUSE Project Signing Key, which also signs Tumbleweed's {@code .sha256} files.
 * </ul>
 */
class PublisherSignaturesTest {
    @Test
    void ubuntusRealSignedSumsVerifyWithTheShippedKeyAndNameTheCatalogImage(@TempDir Path dir) throws Exception {
        CatalogEntry ubuntu = entry("ubuntu");
        byte[] sums = resource("publisher/ubuntu-26.04/SHA256SUMS");
        byte[] signature = resource("publisher/ubuntu-26.04/SHA256SUMS.gpg");

        SignatureVerdict verdict = detached(ubuntu, sums, signature);
        assertThat(ubuntu.fingerprints()).containsExactly(verdict.signerFingerprint());
        GnuPg gpg = assertGnuPgAgrees(dir, ubuntu, sums, signature, verdict);

        // The signed list names the image the catalog points at.
        String path = ubuntu.url().getPath();
        String image = path.substring(path.lastIndexOf('/') + 1);
        ChecksumEntry line = ChecksumFile.parse("SHA256SUMS", sums).find(image).orElseThrow();
        assertThat(line.algorithm()).isEqualTo(HashAlgorithm.SHA256);
        assertThat(ubuntu.sums().orElseThrow().toString()).endsWith("/SHA256SUMS");
        assertThat(ubuntu.signature().orElseThrow().toString()).endsWith("/SHA256SUMS.gpg");

        byte[] tampered = oneByteChanged(sums);
        assertThatThrownBy(() -> detached(ubuntu, tampered, signature))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("does not match");
        assertGnuPgRefuses(gpg, dir, tampered, signature);
    }

    @Test
    void fedoras44ClearsignedChecksumVerifiesWithTheShippedFedora44Key(@TempDir Path dir) throws Exception {
        CatalogEntry fedora = entry("fedora");
        byte[] checksum = resource("publisher/fedora-44/Fedora-Cloud-44-1.7-aarch64-CHECKSUM");

        ClearsignedText text = OpenPgp.verifyClearsigned(
                checksum, "CHECKSUM", Catalogs.keyring(fedora), Set.copyOf(fedora.fingerprints()));
        assertThat(fedora.fingerprints()).containsExactly(text.verdict().signerFingerprint());
        assertThat(ChecksumFile.parse("CHECKSUM", text.text().getBytes(StandardCharsets.UTF_8))
                        .find("Fedora-Cloud-Base-Generic-44-1.7.aarch64.qcow2"))
                .isPresent();
        // The catalog's image is from the same release, whose CHECKSUM files this key signs.
        assertThat(fedora.version()).startsWith("44-");
        assertThat(fedora.signature()).isEmpty();

        GnuPg gpg = imported(dir, fedora);
        Path file = Files.write(dir.resolve("CHECKSUM"), checksum);
        ExternalTools.Result good = gpg.gpg("--status-fd", "1", "--verify", file.toString());
        assertThat(good.stdoutText()).contains("VALIDSIG " + text.verdict().signingKeyFingerprint());

        String original = new String(checksum, StandardCharsets.UTF_8);
        byte[] tampered = original.replaceFirst("= 55c6", "= 55c7").getBytes(StandardCharsets.UTF_8);
        assertThat(tampered).isNotEqualTo(checksum);
        assertThatThrownBy(() -> OpenPgp.verifyClearsigned(
                        tampered, "CHECKSUM", Catalogs.keyring(fedora), Set.copyOf(fedora.fingerprints())))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("does not match");
        Files.write(file, tampered);
        assertThat(gpg.gpgAllowingFailure("--verify", file.toString()).exitCode())
                .isNotZero();
    }

    @Test
    void openSusesSignedSha256VerifiesWithTheShippedProjectKey(@TempDir Path dir) throws Exception {
        CatalogEntry opensuse = entry("opensuse");
        String name = "publisher/opensuse/Leap-16.0-Minimal-VM.aarch64-Cloud-Build18.7.qcow2.sha256";
        byte[] sums = resource(name);
        byte[] signature = resource(name + ".asc");

        SignatureVerdict verdict = detached(opensuse, sums, signature);
        assertThat(opensuse.fingerprints()).containsExactly(verdict.signerFingerprint());
        GnuPg gpg = assertGnuPgAgrees(dir, opensuse, sums, signature, verdict);
        // Tumbleweed's entry uses the same scheme: a detached signature over the .sha256 file.
        assertThat(opensuse.signature().orElseThrow().toString())
                .isEqualTo(opensuse.sums().orElseThrow() + ".asc");

        byte[] tampered = oneByteChanged(sums);
        assertThatThrownBy(() -> detached(opensuse, tampered, signature))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("does not match");
        assertGnuPgRefuses(gpg, dir, tampered, signature);
    }

    private static SignatureVerdict detached(CatalogEntry entry, byte[] data, byte[] signature) throws IOException {
        return OpenPgp.verifyDetached(
                new ByteArrayInputStream(data),
                "sums",
                signature,
                "sums.sig",
                Catalogs.keyring(entry),
                Set.copyOf(entry.fingerprints()));
    }

    /** Returns the GnuPG home holding the shipped key, for the refusal check that follows. */
    private static GnuPg assertGnuPgAgrees(
            Path dir, CatalogEntry entry, byte[] data, byte[] signature, SignatureVerdict verdict) throws IOException {
        GnuPg gpg = imported(dir, entry);
        Path dataFile = Files.write(dir.resolve("sums"), data);
        Path signatureFile = Files.write(dir.resolve("sums.sig"), signature);
        ExternalTools.Result good =
                gpg.gpg("--status-fd", "1", "--verify", signatureFile.toString(), dataFile.toString());
        assertThat(good.stdoutText()).contains("VALIDSIG " + verdict.signingKeyFingerprint());
        return gpg;
    }

    /** GnuPG, holding the right key, refuses the data. */
    private static void assertGnuPgRefuses(GnuPg gpg, Path dir, byte[] data, byte[] signature) throws IOException {
        Path dataFile = Files.write(dir.resolve("sums"), data);
        Path signatureFile = Files.write(dir.resolve("sums.sig"), signature);
        assertThat(gpg.gpgAllowingFailure("--verify", signatureFile.toString(), dataFile.toString())
                        .exitCode())
                .isNotZero();
    }

    /** A GnuPG home holding only the key file the catalog ships for {@code entry}. */
    private static GnuPg imported(Path dir, CatalogEntry entry) throws IOException {
        GnuPg gpg = new GnuPg(dir);
        assertThat(entry.keyResources()).hasSize(1);
        Path key = Files.write(
                dir.resolve(entry.id() + ".asc"),
                resource("catalog/" + entry.keyResources().get(0)));
        gpg.gpg("--import", key.toString());
        return gpg;
    }

    private static byte[] oneByteChanged(byte[] data) {
        byte[] copy = data.clone();
        copy[0] = (byte) (copy[0] == '4' ? '5' : '4');
        return copy;
    }

    private static CatalogEntry entry(String id) throws IOException {
        return Catalogs.builtIn().find(id).orElseThrow();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PublisherSignaturesTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
