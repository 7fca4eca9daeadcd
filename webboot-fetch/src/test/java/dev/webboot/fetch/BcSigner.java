package dev.webboot.fetch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;

/**
 * Makes the detached signatures GnuPG refuses to make (with an encryption-only or certify-only key, dated before the
 * key, with a chosen expiration), with Bouncy Castle and a secret key GnuPG exported.
 */
final class BcSigner {
    private BcSigner() {}

    /**
     * Signs {@code data} (a binary-document signature, SHA-256) with the secret (sub)key {@code fingerprint} found in
     * {@code secretKeys}, dated {@code created}, expiring {@code lifetimeSeconds} later when present.
     */
    static Path sign(
            byte[] secretKeys,
            String fingerprint,
            Path data,
            Path out,
            Instant created,
            Optional<Long> lifetimeSeconds) {
        try {
            PGPSecretKey secret = find(secretKeys, fingerprint);
            PGPPrivateKey privateKey = secret.extractPrivateKey(null);
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(secret.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
                    secret.getPublicKey());
            generator.init(PGPSignature.BINARY_DOCUMENT, privateKey);
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, Date.from(created));
            hashed.setIssuerFingerprint(false, secret.getPublicKey());
            lifetimeSeconds.ifPresent(s -> hashed.setSignatureExpirationTime(false, s));
            generator.setHashedSubpackets(hashed.generate());
            PGPSignatureSubpacketGenerator unhashed = new PGPSignatureSubpacketGenerator();
            unhashed.setIssuerKeyID(false, secret.getKeyID());
            generator.setUnhashedSubpackets(unhashed.generate());
            generator.update(Files.readAllBytes(data));
            Files.write(out, generator.generate().getEncoded());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PGPSecretKey find(byte[] secretKeys, String fingerprint) throws IOException, PGPException {
        PGPSecretKeyRingCollection rings = new PGPSecretKeyRingCollection(
                PGPUtil.getDecoderStream(new ByteArrayInputStream(secretKeys)), new BcKeyFingerprintCalculator());
        for (PGPSecretKeyRing ring : rings) {
            Iterator<PGPSecretKey> keys = ring.getSecretKeys();
            while (keys.hasNext()) {
                PGPSecretKey key = keys.next();
                String hex = HexFormat.of()
                        .formatHex(key.getPublicKey().getFingerprint())
                        .toUpperCase(Locale.ROOT);
                if (hex.equals(fingerprint)) {
                    return key;
                }
            }
        }
        throw new IllegalArgumentException("no secret key " + fingerprint);
    }
}
