package dev.webboot.iso;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Walks a tree of an {@link ImageFileSystem} with a bound on the entries visited, so that an image from the network
 * cannot keep a listing or an extraction running for hours. Directories are read lazily, one entry at a time.
 */
public final class ImageWalk {
    /**
     * The entries one walk visits unless its caller allows more: four times a million-entry directory, several times
     * the largest live root file system (Ubuntu's desktop squashfs holds about 300,000 entries).
     */
    public static final long DEFAULT_MAX_ENTRIES = 4_000_000;

    private ImageWalk() {}

    /**
     * Every entry below {@code start} (not {@code start} itself), depth first, as {@link Files#walk} gives them; the
     * stream fails with an {@link UncheckedIOException} around a {@link TooManyEntriesException} at entry
     * {@code maxEntries + 1}. Close the stream.
     */
    public static Stream<Path> walk(Path start, long maxEntries) throws IOException {
        return limit(Files.walk(start).skip(1), start, maxEntries);
    }

    /** The entries of the directory {@code dir}, as {@link Files#list} gives them, bounded as {@link #walk} is. */
    public static Stream<Path> list(Path dir, long maxEntries) throws IOException {
        return limit(Files.list(dir), dir, maxEntries);
    }

    private static Stream<Path> limit(Stream<Path> entries, Path start, long maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries " + maxEntries + " is negative");
        }
        long[] seen = {0};
        return entries.peek(entry -> {
            if (++seen[0] > maxEntries) {
                throw new UncheckedIOException(new TooManyEntriesException(start.toString(), maxEntries));
            }
        });
    }
}
