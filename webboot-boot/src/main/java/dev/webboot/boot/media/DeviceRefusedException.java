package dev.webboot.boot.media;

import java.io.IOException;
import java.nio.file.Path;

/** {@link MediaWriter} will not write to this target; the message is the one sentence saying why. */
public final class DeviceRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path device;

    /** A refusal of {@code device} for the reason {@code sentence}. */
    public DeviceRefusedException(Path device, String sentence) {
        super(sentence);
        this.device = device;
    }

    /** The target that was refused. */
    public Path device() {
        return device;
    }
}
