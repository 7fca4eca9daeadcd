package dev.webboot.api.io;

import java.io.IOException;

/**
 * Something read whole, or downloaded, grew past the most bytes such a thing may have. The message is one sentence
 * naming the thing and the limit. Not worth retrying: the same source gives the same bytes.
 */
public final class SizeLimitException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final long limit;

    /**
     * @param name the file or URL, as messages name it
     * @param limit the most bytes it may have
     * @param what what it is ("a checksum file", "an OpenPGP signature"), for the sentence
     */
    public SizeLimitException(String name, long limit, String what) {
        super(name + ": bigger than the " + limit + " bytes " + what + " may have");
        this.name = name;
        this.limit = limit;
    }

    /** The file or URL that was too big. */
    public String name() {
        return name;
    }

    /** The most bytes it could have had. */
    public long limit() {
        return limit;
    }
}
