package dev.webboot.net.dhcp;

import java.io.IOException;

/** A DHCP packet that does not follow RFC 2131/2132; the message names its source and the byte offset. */
public final class MalformedPacketException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long offset;
    private final String problem;

    public MalformedPacketException(String source, long offset, String problem) {
        super(source + ": offset " + offset + ": " + problem);
        this.source = source;
        this.offset = offset;
        this.problem = problem;
    }

    public String source() {
        return source;
    }

    public long offset() {
        return offset;
    }

    public String problem() {
        return problem;
    }
}
