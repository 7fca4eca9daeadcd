package dev.webboot.pmem;

import java.io.IOException;

/** A pmem operation cannot be done: no room for a plan, an image that does not fit, a device that is not there. */
public class PmemException extends IOException {
    private static final long serialVersionUID = 1L;

    public PmemException(String message) {
        super(message);
    }

    public PmemException(String message, Throwable cause) {
        super(message, cause);
    }
}
