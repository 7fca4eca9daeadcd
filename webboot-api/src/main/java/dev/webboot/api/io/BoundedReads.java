package dev.webboot.api.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a whole file or stream into memory, stopping one byte past the cap. The cap is enforced on the bytes as they
 * arrive, never on a size asked beforehand: {@code /dev/zero}, a FIFO and a file in {@code /proc} report a size of 0,
 * and a sparse file reports a size it costs nothing to claim.
 */
public final class BoundedReads {
    private BoundedReads() {}

    /**
     * All of {@code file}'s bytes, at most {@code max}.
     *
     * @param what what the file is ("a checksum file"), for the sentence when it is too big
     * @throws SizeLimitException when the file holds more than {@code max} bytes
     */
    public static byte[] readAll(Path file, int max, String what) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readAll(in, file.toString(), max, what);
        }
    }

    /**
     * All of {@code in}'s bytes, at most {@code max}; {@code in} is left open.
     *
     * @param name the stream's file or URL, as messages name it
     * @param what what it is ("a keyring"), for the sentence when it is too big
     * @throws SizeLimitException when the stream holds more than {@code max} bytes
     */
    public static byte[] readAll(InputStream in, String name, int max, String what) throws IOException {
        if (max < 0 || max == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a cap must be between 0 and " + (Integer.MAX_VALUE - 1) + ": " + max);
        }
        byte[] bytes = in.readNBytes(max + 1);
        if (bytes.length > max) {
            throw new SizeLimitException(name, max, what);
        }
        return bytes;
    }
}
