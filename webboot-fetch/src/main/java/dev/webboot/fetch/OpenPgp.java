package dev.webboot.fetch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Verifies OpenPGP signatures: detached (binary or armored) and clearsigned. A signature is good only if it verifies
 * over the data, was made by a key in the keyring whose primary fingerprint is pinned (when pins are given), with a
 * hash stronger than SHA-1, by a key that is not revoked, not expired (at signing time or now), not weaker than 2048
 * bits (RSA/DSA), whose key flags allow signing data, and — for a subkey — bound to its primary key by a valid binding
 * signature and cross-certified by a primary-key binding signature; the signature itself must not be past its own
 * expiration time nor dated before its key was created (GnuPG's rules). When several signatures
 * are present one good one suffices; otherwise the most serious refusal is reported in one sentence.
 */
public final class OpenPgp {
    private static final int MAX_SIGNATURES = 32;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private OpenPgp() {}

    /**
     * Verifies a detached signature over {@code data} (read once, streamed).
     *
     * @param pinned primary-key fingerprints to trust; empty means every key in {@code keyring}
     */
    public static SignatureVerdict verifyDetached(
            InputStream data,
            String dataName,
            byte[] signature,
            String signatureName,
            Keyring keyring,
            Set<String> pinned)
            throws IOException {
        byte[] buffer = new byte[64 * 1024];
        return verifyDetached(
                consumer -> {
                    int n;
                    while ((n = data.read(buffer)) > 0) {
                        consumer.accept(ByteBuffer.wrap(buffer, 0, n));
                    }
                },
                dataName,
                signature,
                signatureName,
                keyring,
                pinned);
    }

    /** Bytes pushed to a consumer, in order (how a {@link DownloadSink} re-reads what it holds). */
    interface DataFeed {
        void feed(Consumer<ByteBuffer> consumer) throws IOException;
    }

    static SignatureVerdict verifyDetached(
            DataFeed data, String dataName, byte[] signature, String signatureName, Keyring keyring, Set<String> pinned)
            throws IOException {
        List<PGPSignature> signatures = readSignatures(signatureName, signature);
        return verify(signatures, data, dataName, signatureName, keyring, pinned);
    }

    /** Verifies a clearsigned message and returns its text (dash-escaping undone, {@code \n} line ends). */
    public static ClearsignedText verifyClearsigned(byte[] message, String name, Keyring keyring, Set<String> pinned)
            throws IOException {
        Clearsigned parsed = Clearsigned.parse(name, message);
        List<PGPSignature> signatures = readSignatures(name, parsed.signatureBlock());
        SignatureVerdict verdict =
                verify(signatures, c -> c.accept(ByteBuffer.wrap(parsed.signedBytes())), name, name, keyring, pinned);
        return new ClearsignedText(parsed.text(), verdict);
    }

    /** Whether {@code bytes} look like a clearsigned message. */
    public static boolean isClearsigned(byte[] bytes) {
        return new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8)
                .stripLeading()
                .startsWith(Clearsigned.BEGIN);
    }

    private static List<PGPSignature> readSignatures(String name, byte[] bytes) throws VerificationException {
        List<PGPSignature> signatures = new ArrayList<>();
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
            PGPObjectFactory factory = new PGPObjectFactory(in, new BcKeyFingerprintCalculator());
            Object object;
            int objects = 0;
            while ((object = factory.nextObject()) != null && objects++ < MAX_SIGNATURES) {
                if (object instanceof PGPCompressedData compressed) {
                    factory = new PGPObjectFactory(compressed.getDataStream(), new BcKeyFingerprintCalculator());
                } else if (object instanceof PGPSignatureList list) {
                    list.forEach(signatures::add);
                } else if (!(object instanceof PGPMarker)) {
                    throw new VerificationException(name + ": holds OpenPGP data that is not a signature");
                }
            }
        } catch (VerificationException e) {
            throw e;
        } catch (IOException | PGPException | RuntimeException e) {
            throw new VerificationException(name + ": not an OpenPGP signature (" + e.getMessage() + ")", e);
        }
        if (signatures.isEmpty()) {
            throw new VerificationException(name + ": holds no OpenPGP signature");
        }
        return signatures;
    }

    /** A refusal with a seriousness: the most serious one is reported. */
    private record Refusal(int seriousness, String sentence) {}

    private record Candidate(PGPSignature signature, PGPPublicKeyRing ring, PGPPublicKey key) {}

    private static SignatureVerdict verify(
            List<PGPSignature> signatures,
            DataFeed data,
            String dataName,
            String signatureName,
            Keyring keyring,
            Set<String> pinned)
            throws IOException {
        Set<String> pins = pinned.stream().map(Keyring::normalizeFingerprint).collect(Collectors.toSet());
        List<Refusal> refusals = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        BcPGPContentVerifierBuilderProvider provider = new BcPGPContentVerifierBuilderProvider();
        for (PGPSignature signature : signatures) {
            long keyId = signature.getKeyID();
            Optional<PGPPublicKeyRing> ring = keyring.ringOf(keyId);
            if (ring.isEmpty()) {
                refusals.add(new Refusal(
                        1, signatureName + ": signed by key ID " + keyIdHex(keyId) + ", which is not in the keyring"));
                continue;
            }
            PGPPublicKey key = ring.get().getPublicKey(keyId);
            String primary = Keyring.fingerprint(ring.get().getPublicKey());
            if (!pins.isEmpty() && !pins.contains(primary) && !pins.contains(Keyring.fingerprint(key))) {
                refusals.add(new Refusal(
                        2, signatureName + ": signed by key " + primary + ", which is not one of the pinned keys"));
                continue;
            }
            Optional<String> weak = weakness(signature, key);
            if (weak.isPresent()) {
                refusals.add(new Refusal(3, signatureName + ": " + weak.get()));
                continue;
            }
            try {
                signature.init(provider, key);
            } catch (PGPException e) {
                refusals.add(new Refusal(3, signatureName + ": cannot use key " + primary + ": " + e.getMessage()));
                continue;
            }
            candidates.add(new Candidate(signature, ring.get(), key));
        }
        if (!candidates.isEmpty()) {
            byte[] chunk = new byte[64 * 1024];
            data.feed(bytes -> {
                while (bytes.hasRemaining()) {
                    int n = Math.min(chunk.length, bytes.remaining());
                    bytes.get(chunk, 0, n);
                    for (Candidate candidate : candidates) {
                        candidate.signature().update(chunk, 0, n);
                    }
                }
            });
        }
        for (Candidate candidate : candidates) {
            boolean good;
            try {
                good = candidate.signature().verify();
            } catch (PGPException e) {
                good = false;
            }
            if (!good) {
                refusals.add(new Refusal(
                        6,
                        signatureName + ": the signature does not match " + dataName
                                + " (the data or the signature was altered)"));
                continue;
            }
            Optional<Refusal> keyProblem = keyProblem(candidate, signatureName, provider);
            if (keyProblem.isPresent()) {
                refusals.add(keyProblem.get());
                continue;
            }
            return new SignatureVerdict(
                    Keyring.fingerprint(candidate.ring().getPublicKey()),
                    Keyring.fingerprint(candidate.key()),
                    candidate.signature().getCreationTime().toInstant());
        }
        throw new VerificationException(refusals.stream()
                .max(Comparator.comparingInt(Refusal::seriousness))
                .map(Refusal::sentence)
                .orElse(signatureName + ": no usable signature"));
    }

    private static Optional<String> weakness(PGPSignature signature, PGPPublicKey key) {
        int hash = signature.getHashAlgorithm();
        if (hash != HashAlgorithmTags.SHA256
                && hash != HashAlgorithmTags.SHA384
                && hash != HashAlgorithmTags.SHA512
                && hash != HashAlgorithmTags.SHA224
                && hash != HashAlgorithmTags.SHA3_256
                && hash != HashAlgorithmTags.SHA3_512) {
            return Optional.of("uses the weak hash algorithm " + hashName(hash) + ", which is refused");
        }
        int algorithm = key.getAlgorithm();
        boolean rsaOrDsa = algorithm == PublicKeyAlgorithmTags.RSA_GENERAL
                || algorithm == PublicKeyAlgorithmTags.RSA_SIGN
                || algorithm == PublicKeyAlgorithmTags.DSA;
        if (rsaOrDsa && key.getBitStrength() < 2048) {
            return Optional.of("made by a " + key.getBitStrength() + "-bit "
                    + (algorithm == PublicKeyAlgorithmTags.DSA ? "DSA" : "RSA") + " key, which is too weak");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> keyProblem(
            Candidate candidate, String signatureName, BcPGPContentVerifierBuilderProvider provider) {
        PGPPublicKey primary = candidate.ring().getPublicKey();
        PGPPublicKey key = candidate.key();
        String primaryFingerprint = Keyring.fingerprint(primary);
        Instant signed = candidate.signature().getCreationTime().toInstant();
        Instant now = Instant.now();
        if (revoked(primary, primary, provider)) {
            return Optional.of(
                    new Refusal(5, signatureName + ": signed by key " + primaryFingerprint + ", which was revoked"));
        }
        Optional<Instant> primaryExpiry = expiry(primary);
        if (primaryExpiry.isPresent()
                && (primaryExpiry.get().isBefore(now) || primaryExpiry.get().isBefore(signed))) {
            return Optional.of(new Refusal(
                    4,
                    signatureName + ": signed by key " + primaryFingerprint + ", which expired on "
                            + DAY.format(primaryExpiry.get())));
        }
        Optional<Refusal> dates = dateProblem(candidate.signature(), key, signatureName, primaryFingerprint, now);
        if (dates.isPresent()) {
            return dates;
        }
        if (key == primary) {
            Optional<PGPSignature> selfSignature = latestSelfSignature(primary, provider);
            if (!allowsSigning(selfSignature, primary)) {
                return Optional.of(new Refusal(
                        5,
                        signatureName + ": signed by key " + primaryFingerprint
                                + ", whose key flags do not allow it to sign data (wrong key usage)"));
            }
        }
        if (key != primary) {
            String subkey = Keyring.fingerprint(key);
            Optional<PGPSignature> binding = latestBinding(primary, key, provider);
            if (binding.isEmpty()) {
                return Optional.of(new Refusal(
                        5,
                        signatureName + ": signed by subkey " + subkey + ", which its primary key " + primaryFingerprint
                                + " does not certify"));
            }
            if (!allowsSigning(binding, key)) {
                return Optional.of(new Refusal(
                        5,
                        signatureName + ": signed by subkey " + subkey + " of key " + primaryFingerprint
                                + ", whose key flags do not allow it to sign data (wrong key usage)"));
            }
            if (!crossCertified(binding.get(), primary, key, provider)) {
                return Optional.of(new Refusal(
                        5,
                        signatureName + ": signed by subkey " + subkey + " of key " + primaryFingerprint
                                + ", which has no valid primary-key binding signature (it is not cross-certified)"));
            }
            if (revoked(primary, key, provider)) {
                return Optional.of(new Refusal(
                        5,
                        signatureName + ": signed by subkey " + subkey + " of key " + primaryFingerprint
                                + ", which was revoked"));
            }
            Optional<Instant> subkeyExpiry = expiry(key);
            if (subkeyExpiry.isPresent()
                    && (subkeyExpiry.get().isBefore(now) || subkeyExpiry.get().isBefore(signed))) {
                return Optional.of(new Refusal(
                        4,
                        signatureName + ": signed by subkey " + subkey + " of key " + primaryFingerprint
                                + ", which expired on " + DAY.format(subkeyExpiry.get())));
            }
        }
        return Optional.empty();
    }

    /** The signature's own expiration time and its date against its key's creation (GnuPG refuses both). */
    private static Optional<Refusal> dateProblem(
            PGPSignature signature, PGPPublicKey key, String signatureName, String primaryFingerprint, Instant now) {
        Instant signed = signature.getCreationTime().toInstant();
        Instant keyCreated = key.getCreationTime().toInstant();
        String by = key.isMasterKey()
                ? "key " + primaryFingerprint
                : "subkey " + Keyring.fingerprint(key) + " of key " + primaryFingerprint;
        if (signed.isBefore(keyCreated)) {
            return Optional.of(new Refusal(
                    5,
                    signatureName + ": the signature by " + by + " is dated " + DAY_TIME.format(signed)
                            + ", before the key was created on " + DAY_TIME.format(keyCreated)));
        }
        PGPSignatureSubpacketVector hashed = signature.getHashedSubPackets();
        long lifetime = hashed == null ? 0 : hashed.getSignatureExpirationTime();
        if (lifetime > 0 && !signed.plusSeconds(lifetime).isAfter(now)) {
            return Optional.of(new Refusal(
                    4,
                    signatureName + ": the signature by " + by + " expired on "
                            + DAY.format(signed.plusSeconds(lifetime))));
        }
        return Optional.empty();
    }

    /**
     * Whether a key may make data signatures: the key flags of its newest valid self-signature (or subkey binding
     * signature) must include "sign data"; without key flags the algorithm decides, as in GnuPG.
     */
    private static boolean allowsSigning(Optional<PGPSignature> selfSignature, PGPPublicKey key) {
        PGPSignatureSubpacketVector hashed =
                selfSignature.map(PGPSignature::getHashedSubPackets).orElse(null);
        if (hashed != null && hashed.hasSubpacket(SignatureSubpacketTags.KEY_FLAGS)) {
            return (hashed.getKeyFlags() & KeyFlags.SIGN_DATA) != 0;
        }
        int algorithm = key.getAlgorithm();
        return algorithm != PublicKeyAlgorithmTags.RSA_ENCRYPT
                && algorithm != PublicKeyAlgorithmTags.ELGAMAL_ENCRYPT
                && algorithm != PublicKeyAlgorithmTags.ELGAMAL_GENERAL
                && algorithm != PublicKeyAlgorithmTags.ECDH
                && algorithm != PublicKeyAlgorithmTags.X25519
                && algorithm != PublicKeyAlgorithmTags.X448;
    }

    /** The newest user-ID certification or direct-key signature of the primary key by itself that verifies. */
    private static Optional<PGPSignature> latestSelfSignature(
            PGPPublicKey primary, BcPGPContentVerifierBuilderProvider provider) {
        PGPSignature latest = null;
        Iterator<byte[]> ids = primary.getRawUserIDs();
        while (ids.hasNext()) {
            byte[] id = ids.next();
            Iterator<PGPSignature> signatures = primary.getSignaturesForID(id);
            while (signatures != null && signatures.hasNext()) {
                PGPSignature s = signatures.next();
                if (s.getKeyID() == primary.getKeyID() && s.isCertification() && newer(s, latest)) {
                    try {
                        s.init(provider, primary);
                        if (s.verifyCertification(id, primary)) {
                            latest = s;
                        }
                    } catch (PGPException | RuntimeException e) {
                        // a self-signature that does not verify says nothing
                    }
                }
            }
        }
        Iterator<PGPSignature> direct = primary.getSignaturesOfType(PGPSignature.DIRECT_KEY);
        while (direct.hasNext()) {
            PGPSignature s = direct.next();
            if (s.getKeyID() == primary.getKeyID() && newer(s, latest)) {
                try {
                    s.init(provider, primary);
                    if (s.verifyCertification(primary)) {
                        latest = s;
                    }
                } catch (PGPException | RuntimeException e) {
                    // as above
                }
            }
        }
        return Optional.ofNullable(latest);
    }

    private static boolean newer(PGPSignature candidate, PGPSignature latest) {
        return latest == null || candidate.getCreationTime().after(latest.getCreationTime());
    }

    /**
     * A signing subkey must sign its primary key back (a primary-key binding signature, type 0x19, embedded in the
     * binding signature): otherwise anyone could attach someone else's signing key to their own primary key. GnuPG
     * requires it ({@code require-cross-certification} is its default).
     */
    private static boolean crossCertified(
            PGPSignature binding,
            PGPPublicKey primary,
            PGPPublicKey subkey,
            BcPGPContentVerifierBuilderProvider provider) {
        for (PGPSignatureSubpacketVector area :
                new PGPSignatureSubpacketVector[] {binding.getHashedSubPackets(), binding.getUnhashedSubPackets()}) {
            if (area == null) {
                continue;
            }
            PGPSignatureList embedded;
            try {
                embedded = area.getEmbeddedSignatures();
            } catch (PGPException | RuntimeException e) {
                continue;
            }
            for (PGPSignature back : embedded) {
                if (back.getSignatureType() != PGPSignature.PRIMARYKEY_BINDING) {
                    continue;
                }
                try {
                    back.init(provider, subkey);
                    if (back.verifyCertification(primary, subkey)) {
                        return true;
                    }
                } catch (PGPException | RuntimeException e) {
                    // try the next one
                }
            }
        }
        return false;
    }

    private static Optional<Instant> expiry(PGPPublicKey key) {
        long seconds = key.getValidSeconds();
        if (seconds <= 0) {
            return Optional.empty();
        }
        return Optional.of(key.getCreationTime().toInstant().plusSeconds(seconds));
    }

    /** True when a revocation signature on {@code key} verifies with the primary key (unverified ones are ignored). */
    private static boolean revoked(
            PGPPublicKey primary, PGPPublicKey key, BcPGPContentVerifierBuilderProvider provider) {
        int type = key == primary ? PGPSignature.KEY_REVOCATION : PGPSignature.SUBKEY_REVOCATION;
        Iterator<PGPSignature> revocations = key.getSignaturesOfType(type);
        while (revocations.hasNext()) {
            PGPSignature revocation = revocations.next();
            try {
                revocation.init(provider, primary);
                boolean valid = key == primary
                        ? revocation.verifyCertification(primary)
                        : revocation.verifyCertification(primary, key);
                if (valid) {
                    return true;
                }
            } catch (PGPException | RuntimeException e) {
                // A revocation that does not verify revokes nothing.
            }
        }
        return false;
    }

    /** The newest subkey binding signature by the primary key that verifies. */
    private static Optional<PGPSignature> latestBinding(
            PGPPublicKey primary, PGPPublicKey subkey, BcPGPContentVerifierBuilderProvider provider) {
        PGPSignature latest = null;
        Iterator<PGPSignature> bindings = subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING);
        while (bindings.hasNext()) {
            PGPSignature binding = bindings.next();
            if (!newer(binding, latest)) {
                continue;
            }
            try {
                binding.init(provider, primary);
                if (binding.verifyCertification(primary, subkey)) {
                    latest = binding;
                }
            } catch (PGPException | RuntimeException e) {
                // try the next binding signature
            }
        }
        return Optional.ofNullable(latest);
    }

    private static String hashName(int algorithm) {
        return switch (algorithm) {
            case HashAlgorithmTags.MD5 -> "MD5";
            case HashAlgorithmTags.SHA1 -> "SHA-1";
            case HashAlgorithmTags.RIPEMD160 -> "RIPEMD-160";
            case HashAlgorithmTags.MD2 -> "MD2";
            default -> "#" + algorithm;
        };
    }

    private static String keyIdHex(long keyId) {
        return HexFormat.of()
                .formatHex(java.nio.ByteBuffer.allocate(8).putLong(keyId).array())
                .toUpperCase(Locale.ROOT);
    }
}
