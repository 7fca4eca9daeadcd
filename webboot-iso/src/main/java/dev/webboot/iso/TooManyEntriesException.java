package dev.webboot.iso;

import java.io.IOException;

/**
 * A walk of an image's tree (listing or extraction) reached the number of entries its caller allowed. A tree bomb
 * (many records naming few directories) is refused as malformed; this limit also bounds a well-formed tree whose
 * metadata compresses to nothing.
 */
public final class TooManyEntriesException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String start;
    private final long limit;

    /**
     * @param start the path the walk started at
     * @param limit the number of entries it was allowed to visit
     */
    public TooManyEntriesException(String start, long limit) {
        super(start + ": the tree holds more than " + limit + " entries, the limit of one walk (raise the limit to walk"
                + " more)");
        this.start = start;
        this.limit = limit;
    }

    /** The path the walk started at. */
    public String start() {
        return start;
    }

    /** The number of entries the walk was allowed to visit. */
    public long limit() {
        return limit;
    }
}
