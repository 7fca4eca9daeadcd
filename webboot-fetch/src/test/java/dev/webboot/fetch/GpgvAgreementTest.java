package dev.webboot.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.testing.GnuPg;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every verification case run through the real {@code gpgv} and through webboot on the same keyring, signature and
 * data: webboot accepts exactly what gpgv accepts. Signatures GnuPG will not make (by an encryption-only subkey, a
 * certify-only primary key, dated before the key) are made with Bouncy Castle from the keys GnuPG exported.
 */
class GpgvAgreementTest {
    @TempDir
    static Path dir;

    static GnuPg gpg;
    static Path data;

    @BeforeAll
    static void setUp() throws IOException {
        gpg = new GnuPg(dir);
        data = dir.resolve("image.iso");
        Files.write(data, "pretend this is an ISO image\n".repeat(500).getBytes(StandardCharsets.UTF_8));
    }

    private static Path keyring(String name, String... keys) throws IOException {
        return gpg.export(dir.resolve(name + ".gpg"), false, keys);
    }

    private static void verifyWebboot(Path keyring, Path signature) throws IOException {
        try (InputStream in = Files.newInputStream(data)) {
            OpenPgp.verifyDetached(
                    in,
                    data.toString(),
                    Files.readAllBytes(signature),
                    signature.toString(),
                    Keyring.load(keyring),
                    Set.of());
        }
    }

    private static void bothAccept(Path keyring, Path signature) throws IOException {
        assertThat(gpg.gpgvAccepts(keyring, signature, data)).as("gpgv accepts").isTrue();
        verifyWebboot(keyring, signature);
    }

    private static void bothRefuse(Path keyring, Path signature, String sentence) throws IOException {
        assertThat(gpg.gpgvAccepts(keyring, signature, data)).as("gpgv refuses").isFalse();
        assertThatThrownBy(() -> verifyWebboot(keyring, signature))
                .isInstanceOf(VerificationException.class)
                .hasMessage(signature + ": " + sentence);
    }

    @Test
    void aGoodSignatureAndAGoodSubkeySignature() throws IOException {
        String key = gpg.generate("Good <good@example.org>", "ed25519", "never");
        bothAccept(keyring("good", key), gpg.detachSign(key, data, false));

        String primary = gpg.generate("Signing subkey <sub@example.org>", "ed25519", "never");
        gpg.gpg("--quick-add-key", primary, "ed25519", "sign", "never");
        String subkey = gpg.fingerprints(primary).get(1);
        bothAccept(keyring("subkeyed", primary), gpg.detachSign(subkey + "!", data, false));
    }

    @Test
    void anExpiredKey() throws IOException {
        String key = gpg.generate(
                "Expired <expired@example.org>", "ed25519", "1d", "--faked-system-time", "20200101T000000");
        Path signature = gpg.detachSign(key, data, false, "--faked-system-time", "20200101T010000");
        bothRefuse(keyring("expired", key), signature, "signed by key " + key + ", which expired on 2020-01-02");
    }

    @Test
    void anExpiredSignatureAndOneNotYetExpired() throws IOException {
        String key =
                gpg.generate("Old key <old@example.org>", "ed25519", "never", "--faked-system-time", "20200101T000000");
        byte[] secret = gpg.exportSecret(key);
        Path ring = keyring("old", key);
        Path expired = BcSigner.sign(
                secret,
                key,
                data,
                dir.resolve("expired-signature.sig"),
                Instant.parse("2021-01-01T00:00:00Z"),
                Optional.of(86_400L));
        bothRefuse(ring, expired, "the signature by key " + key + " expired on 2021-01-02");
        Path valid = BcSigner.sign(
                secret,
                key,
                data,
                dir.resolve("valid-signature.sig"),
                Instant.now().minus(Duration.ofDays(1)),
                Optional.of(Duration.ofDays(3650).toSeconds()));
        bothAccept(ring, valid);
    }

    @Test
    void aSignatureDatedBeforeItsKeyWasCreated() throws IOException {
        String key =
                gpg.generate("New key <new@example.org>", "ed25519", "never", "--faked-system-time", "20220601T000000");
        Path signature = BcSigner.sign(
                gpg.exportSecret(key),
                key,
                data,
                dir.resolve("before-key.sig"),
                Instant.parse("2020-01-01T00:00:00Z"),
                Optional.empty());
        bothRefuse(
                keyring("new", key),
                signature,
                "the signature by key " + key
                        + " is dated 2020-01-01 00:00:00 UTC, before the key was created on 2022-06-01 00:00:00 UTC");
    }

    @Test
    void aSignatureByAnEncryptionOnlySubkey() throws IOException {
        String primary = gpg.generate("Encrypting <enc@example.org>", "ed25519", "never");
        gpg.gpg("--quick-add-key", primary, "rsa2048", "encr", "never");
        List<String> fingerprints = gpg.fingerprints(primary);
        String subkey = fingerprints.get(1);
        Path signature = BcSigner.sign(
                gpg.exportSecret(primary),
                subkey,
                data,
                dir.resolve("by-encryption-subkey.sig"),
                Instant.now(),
                Optional.empty());
        bothRefuse(
                keyring("encrypting", primary),
                signature,
                "signed by subkey " + subkey + " of key " + primary
                        + ", whose key flags do not allow it to sign data (wrong key usage)");
    }

    @Test
    void aSignatureByACertifyOnlyPrimaryKey() throws IOException {
        gpg.gpg("--quick-gen-key", "Certifier <cert@example.org>", "ed25519", "cert", "never");
        String primary = gpg.fingerprint("Certifier <cert@example.org>");
        Path signature = BcSigner.sign(
                gpg.exportSecret(primary),
                primary,
                data,
                dir.resolve("by-certify-only.sig"),
                Instant.now(),
                Optional.empty());
        bothRefuse(
                keyring("certifier", primary),
                signature,
                "signed by key " + primary + ", whose key flags do not allow it to sign data (wrong key usage)");
    }

    @Test
    void aRevokedKey() throws IOException {
        String key = gpg.generate("Revoked <revoked@example.org>", "ed25519", "never");
        Path signature = gpg.detachSign(key, data, false);
        bothAccept(keyring("before-revocation", key), signature);
        gpg.revoke(key);
        bothRefuse(keyring("revoked", key), signature, "signed by key " + key + ", which was revoked");
    }

    @Test
    void aKeyThatIsNotInTheKeyring() throws IOException {
        String signer = gpg.generate("Signer <signer@example.org>", "ed25519", "never");
        String other = gpg.generate("Other <other@example.org>", "ed25519", "never");
        Path signature = gpg.detachSign(signer, data, false);
        bothRefuse(
                keyring("other", other),
                signature,
                "signed by key ID " + signer.substring(24) + ", which is not in the keyring");
    }
}
