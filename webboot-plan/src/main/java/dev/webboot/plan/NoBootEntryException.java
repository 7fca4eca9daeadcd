package dev.webboot.plan;

import java.io.IOException;

/** No boot configuration in the image describes a Linux entry webboot could kexec. */
public final class NoBootEntryException extends IOException {
    private static final long serialVersionUID = 1L;

    public NoBootEntryException(String message) {
        super(message);
    }
}
