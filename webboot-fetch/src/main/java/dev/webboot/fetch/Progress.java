package dev.webboot.fetch;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far a download is.
 *
 * @param bytes bytes held by the sink so far (including bytes resumed from an earlier attempt)
 * @param total the size of the resource, when the server said
 * @param bytesPerSecond the recent transfer rate
 * @param eta the estimated time left, when the total and a rate are known
 */
public record Progress(long bytes, OptionalLong total, double bytesPerSecond, Optional<Duration> eta) {}
