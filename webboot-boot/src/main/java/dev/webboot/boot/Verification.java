package dev.webboot.boot;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What was fetched and what vouched for it.
 *
 * @param source the URL (or file URL) the bytes came from
 * @param size the image's size in bytes
 * @param sha256 the SHA-256 of the image's bytes, lower-case hex
 * @param verifiedBy one sentence saying what was checked ({@code "SHA256SUMS, signed by <fingerprint>"}), or
 *     {@code "nothing (insecure)"}
 * @param signerFingerprint the fingerprint of the key whose signature vouched for the image, if one did
 * @param warnings what was not checked because the request was insecure (empty when fully verified)
 * @param reused whether the bytes came from the cache (verified again) instead of the network
 */
public record Verification(
        String source,
        long size,
        String sha256,
        String verifiedBy,
        Optional<String> signerFingerprint,
        List<String> warnings,
        boolean reused) {
    public Verification {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(verifiedBy, "verifiedBy");
        Objects.requireNonNull(signerFingerprint, "signerFingerprint");
        warnings = List.copyOf(warnings);
    }

    /** Whether something was accepted without evidence. */
    public boolean insecure() {
        return !warnings.isEmpty();
    }
}
