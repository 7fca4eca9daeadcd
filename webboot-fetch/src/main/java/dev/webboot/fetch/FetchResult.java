package dev.webboot.fetch;

import java.util.List;
import java.util.Optional;

/**
 * A fetched, verified (or knowingly unverified) image, committed to its destination.
 *
 * @param download the transfer
 * @param verified one sentence saying what was checked, e.g. "SHA-256 matches SHA256SUMS, signed by ..."
 * @param signer the signature that vouched for the image, if any
 * @param warnings what was not checked because {@code insecure} was given (empty when fully verified)
 */
public record FetchResult(
        DownloadResult download, String verified, Optional<SignatureVerdict> signer, List<String> warnings) {
    public FetchResult {
        warnings = List.copyOf(warnings);
    }

    public boolean insecure() {
        return !warnings.isEmpty();
    }
}
