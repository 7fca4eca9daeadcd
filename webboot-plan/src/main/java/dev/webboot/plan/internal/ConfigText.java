package dev.webboot.plan.internal;

import dev.webboot.api.io.BoundedReads;
import dev.webboot.api.io.SizeLimitException;
import dev.webboot.iso.MalformedImageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A boot configuration file's text, held as ISO-8859-1 so that every character index is the byte offset the error
 * messages report; {@link #utf8} turns a piece of it back into the UTF-8 text the distribution wrote.
 *
 * @param source the file's path inside the image, as error messages name it
 * @param text the file's bytes, one char per byte
 */
public record ConfigText(String source, String text) {
    /** Configuration files are small; a bigger one is refused rather than read into memory. */
    public static final int MAX_BYTES = 1 << 20;

    /** Reads a configuration file, refusing one over {@link #MAX_BYTES}. */
    public static ConfigText read(Path file, String source) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = BoundedReads.readAll(in, source, MAX_BYTES, "a configuration file");
            return new ConfigText(source, new String(bytes, StandardCharsets.ISO_8859_1));
        } catch (SizeLimitException e) {
            // The typed error of image readers, at the byte offset where the file went past the cap.
            throw new MalformedImageException(
                    source, MAX_BYTES, "configuration file is larger than " + MAX_BYTES + " bytes");
        }
    }

    /** The 1-based line number of a byte offset. */
    public int lineOf(int offset) {
        int line = 1;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** A typed error naming this file, the line and the byte offset. */
    public MalformedImageException error(int offset, String problem) {
        return new MalformedImageException(source, offset, "line " + lineOf(offset) + ": " + problem);
    }

    /** Bytes held one per char, decoded as the UTF-8 they are. */
    public static String utf8(String latin1) {
        for (int i = 0; i < latin1.length(); i++) {
            if (latin1.charAt(i) >= 0x80) {
                return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
        }
        return latin1;
    }
}
