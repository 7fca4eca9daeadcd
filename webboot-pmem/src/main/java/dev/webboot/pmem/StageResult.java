package dev.webboot.pmem;

import java.util.Objects;

/**
 * What {@link Stager} put on a device.
 *
 * @param device the device's name
 * @param bytes how many bytes of image now start at offset 0
 * @param sha256 the SHA-256 of those bytes as they were written, lower-case hexadecimal
 * @param verified true when the bytes were read back from the device after the flush and hashed the same
 */
public record StageResult(String device, long bytes, String sha256, boolean verified) {
    public StageResult {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(sha256, "sha256");
    }
}
