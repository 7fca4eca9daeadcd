package dev.webboot.fetch;

import dev.webboot.api.io.BoundedReads;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/** OpenPGP public keys read from keyring files, binary or ASCII-armored (several files may be combined). */
public final class Keyring {
    /** Keyrings bigger than this are refused rather than read (Debian's full keyring is ~30 MB). */
    static final int MAX_BYTES = 64 << 20;

    private final List<PGPPublicKeyRing> rings;

    private Keyring(List<PGPPublicKeyRing> rings) {
        this.rings = List.copyOf(rings);
    }

    public static Keyring empty() {
        return new Keyring(List.of());
    }

    /** Reads keyring files. */
    public static Keyring load(Path... files) throws VerificationException, IOException {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        for (Path file : files) {
            rings.addAll(read(file.toString(), BoundedReads.readAll(file, MAX_BYTES, "a keyring")).rings);
        }
        return new Keyring(rings);
    }

    /** Reads keyring bytes; {@code name} is used in messages. */
    public static Keyring read(String name, byte[] bytes) throws VerificationException {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
            PGPPublicKeyRingCollection collection =
                    new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
            collection.getKeyRings().forEachRemaining(rings::add);
        } catch (IOException | PGPException | RuntimeException e) {
            throw new VerificationException(name + ": not an OpenPGP keyring (" + e.getMessage() + ")", e);
        }
        if (rings.isEmpty()) {
            throw new VerificationException(name + ": holds no OpenPGP public key");
        }
        return new Keyring(rings);
    }

    /** Both keyrings' keys. */
    public Keyring plus(Keyring other) {
        List<PGPPublicKeyRing> all = new ArrayList<>(rings);
        all.addAll(other.rings);
        return new Keyring(all);
    }

    /** The primary-key fingerprints, upper-case hex. */
    public List<String> fingerprints() {
        return rings.stream().map(r -> fingerprint(r.getPublicKey())).toList();
    }

    /** The ring holding the key with this key ID (primary or subkey). */
    Optional<PGPPublicKeyRing> ringOf(long keyId) {
        for (PGPPublicKeyRing ring : rings) {
            Iterator<PGPPublicKey> keys = ring.getPublicKeys();
            while (keys.hasNext()) {
                if (keys.next().getKeyID() == keyId) {
                    return Optional.of(ring);
                }
            }
        }
        return Optional.empty();
    }

    static String fingerprint(PGPPublicKey key) {
        return HexFormat.of().formatHex(key.getFingerprint()).toUpperCase(Locale.ROOT);
    }

    /** Normalizes a fingerprint as people write it: spaces removed, upper case, optional {@code 0x}. */
    public static String normalizeFingerprint(String fingerprint) {
        String f = fingerprint.replace(" ", "").toUpperCase(Locale.ROOT);
        return f.startsWith("0X") ? f.substring(2) : f;
    }
}
