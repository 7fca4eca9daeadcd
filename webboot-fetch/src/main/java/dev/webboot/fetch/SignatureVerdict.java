package dev.webboot.fetch;

import java.time.Instant;

/**
 * A good signature.
 *
 * @param signerFingerprint the fingerprint of the signer's primary key (upper-case hex)
 * @param signingKeyFingerprint the fingerprint of the key that made the signature (a subkey, or the primary key)
 * @param created when the signature says it was made
 */
public record SignatureVerdict(String signerFingerprint, String signingKeyFingerprint, Instant created) {}
