package dev.webboot.fetch;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/** The digests a download computes on the fly; MD5 only for publishers that offer nothing better. */
public enum HashAlgorithm {
    SHA256("SHA-256", 64),
    SHA512("SHA-512", 128),
    MD5("MD5", 32);

    private final String jcaName;
    private final int hexLength;

    HashAlgorithm(String jcaName, int hexLength) {
        this.jcaName = jcaName;
        this.hexLength = hexLength;
    }

    /** The JCA name, e.g. {@code SHA-256}. */
    public String jcaName() {
        return jcaName;
    }

    /** How many hex digits a digest of this algorithm has. */
    public int hexLength() {
        return hexLength;
    }

    /** A fresh digest. */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has " + jcaName, e);
        }
    }

    /** Parses names as checksum files spell them: {@code SHA256}, {@code sha-256}, {@code sha512sum}, {@code MD5}. */
    public static Optional<HashAlgorithm> fromName(String name) {
        String n = name.toUpperCase(Locale.ROOT)
                .replace("-", "")
                .replace("SUMS", "")
                .replace("SUM", "");
        for (HashAlgorithm algorithm : values()) {
            if (algorithm.name().equals(n)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** The algorithm whose digests have this many hex digits, if exactly one has. */
    public static Optional<HashAlgorithm> fromHexLength(int length) {
        for (HashAlgorithm algorithm : values()) {
            if (algorithm.hexLength == length) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
