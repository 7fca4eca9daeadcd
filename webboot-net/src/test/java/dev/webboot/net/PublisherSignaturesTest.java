package dev.webboot.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.api.catalog.CatalogEntry;
import dev.webboot.testing.ExternalTools;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real files signed by a publisher, checked against the key the built-in catalog ships for it: proof that the
 * shipped key is the one the publisher signs with, and that the catalog's image is one the publisher lists.
 *
 * <p>{@code publisher/ubuntu-26.04/} holds {@code SHA256SUMS} and {@code SHA256SUMS.gpg} of
 * releases.ubuntu.com/26.04/ as published on 2026-08-27 (signature time), copied from a public repository's test
 * data; they are small, and the signature is Canonical's, so a copy cannot have been altered without this test
 * failing.
 */
class PublisherSignaturesTest {
    private static final String UBUNTU = "publisher/ubuntu-26.04/";

    @Test
    void ubuntusRealSignedSumsVerifyWithTheShippedKeyAndNameTheCatalogImage(@TempDir Path dir) throws Exception {
        CatalogEntry ubuntu = Catalogs.builtIn().find("ubuntu").orElseThrow();
        byte[] sums = resource(UBUNTU + "SHA256SUMS");
        byte[] signature = resource(UBUNTU + "SHA256SUMS.gpg");

        SignatureVerdict verdict = OpenPgp.verifyDetached(
                new ByteArrayInputStream(sums),
                "SHA256SUMS",
                signature,
                "SHA256SUMS.gpg",
                Catalogs.keyring(ubuntu),
                Set.copyOf(ubuntu.fingerprints()));
        assertThat(ubuntu.fingerprints()).containsExactly(verdict.signerFingerprint());

        // GnuPG, given only the key file the catalog ships, agrees.
        GnuPg gpg = new GnuPg(dir);
        Path key = dir.resolve("ubuntu.asc");
        Files.write(key, shippedKey(ubuntu));
        assertThat(gpg.gpg("--import", key.toString()).exitCode()).isZero();
        Path sumsFile = Files.write(dir.resolve("SHA256SUMS"), sums);
        Path signatureFile = Files.write(dir.resolve("SHA256SUMS.gpg"), signature);
        ExternalTools.Result good =
                gpg.gpg("--status-fd", "1", "--verify", signatureFile.toString(), sumsFile.toString());
        assertThat(good.exitCode()).as(good.stderr()).isZero();
        assertThat(good.stdoutText()).contains("VALIDSIG " + verdict.signingKeyFingerprint());

        // The signed list names the image the catalog points at.
        String path = ubuntu.url().getPath();
        String image = path.substring(path.lastIndexOf('/') + 1);
        ChecksumEntry entry = ChecksumFile.parse("SHA256SUMS", sums).find(image).orElseThrow();
        assertThat(entry.algorithm()).isEqualTo(HashAlgorithm.SHA256);
        assertThat(ubuntu.sums().orElseThrow().toString()).endsWith("/SHA256SUMS");
        assertThat(ubuntu.signature().orElseThrow().toString()).endsWith("/SHA256SUMS.gpg");

        // One changed byte is refused by both.
        byte[] tampered = sums.clone();
        tampered[0] = (byte) (tampered[0] == '4' ? '5' : '4');
        assertThatThrownBy(() -> OpenPgp.verifyDetached(
                        new ByteArrayInputStream(tampered),
                        "SHA256SUMS",
                        signature,
                        "SHA256SUMS.gpg",
                        Catalogs.keyring(ubuntu),
                        Set.copyOf(ubuntu.fingerprints())))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("does not match");
        Files.write(sumsFile, tampered);
        assertThat(gpg.gpgAllowingFailure("--verify", signatureFile.toString(), sumsFile.toString())
                        .exitCode())
                .isNotZero();
    }

    private static byte[] shippedKey(CatalogEntry entry) throws IOException {
        assertThat(entry.keyResources()).hasSize(1);
        return resource("catalog/" + entry.keyResources().get(0));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PublisherSignaturesTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
