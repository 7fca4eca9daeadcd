package dev.webboot.iso;

import java.io.IOException;

/**
 * An image (ISO 9660, squashfs, initramfs, ...) is not what its format says it must be: a length or offset points
 * outside it, a structure is truncated or inconsistent, or a limit that protects the reader was exceeded.
 *
 * <p>The message is one plain sentence naming the image and the byte offset, fit for a command line.
 */
public final class MalformedImageException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long offset;
    private final String problem;

    /**
     * @param source the image's name as the user knows it (a path, {@code image.iso!/inner/file})
     * @param offset the byte offset inside {@code source} where the problem was found, or -1 when the problem is not at
     *     one place (a directory loop found while walking)
     * @param problem what is wrong, without the source or offset
     */
    public MalformedImageException(String source, long offset, String problem) {
        super(offset >= 0 ? source + ": " + problem + " at byte offset " + offset : source + ": " + problem);
        this.source = source;
        this.offset = offset;
        this.problem = problem;
    }

    /** The image's name as the user knows it. */
    public String source() {
        return source;
    }

    /** The byte offset inside {@link #source()} where the problem was found, or -1 when it is not at one place. */
    public long offset() {
        return offset;
    }

    /** What is wrong, without the source or offset. */
    public String problem() {
        return problem;
    }
}
