package dev.webboot.fetch;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A finished transfer: the bytes are in the sink but not yet committed.
 *
 * @param size how many bytes the sink holds
 * @param digests lower-case hex digests of all those bytes, one per algorithm asked for
 * @param source the source that delivered the last bytes
 * @param attempts how many requests it took
 */
public record DownloadResult(long size, Map<HashAlgorithm, String> digests, URI source, int attempts) {
    public DownloadResult {
        digests = Map.copyOf(digests);
    }

    public Optional<String> digest(HashAlgorithm algorithm) {
        return Optional.ofNullable(digests.get(algorithm));
    }
}
