package dev.webboot.boot;

import java.io.IOException;
import java.util.Objects;

/**
 * A boot failed. The message is one plain sentence that names what is wrong (the file, the URL, the device) and is
 * fit to show a user as it is; {@link #phase()} says where the flow stopped, and the cause keeps the original
 * exception (a {@link dev.webboot.fetch.VerificationException}, a {@link dev.webboot.iso.MalformedImageException}, ...).
 */
public class BootException extends IOException {
    private final BootPhase phase;

    public BootException(BootPhase phase, String sentence) {
        super(sentence);
        this.phase = Objects.requireNonNull(phase, "phase");
    }

    public BootException(BootPhase phase, String sentence, Throwable cause) {
        super(sentence, cause);
        this.phase = Objects.requireNonNull(phase, "phase");
    }

    /** The phase that failed. */
    public BootPhase phase() {
        return phase;
    }
}
