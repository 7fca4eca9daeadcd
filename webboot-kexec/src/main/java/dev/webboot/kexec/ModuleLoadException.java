package dev.webboot.kexec;

import java.io.IOException;

/** A kernel module could not be found, read or inserted. The message is one sentence saying what to do. */
public final class ModuleLoadException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    public ModuleLoadException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    public ModuleLoadException(String message, Throwable cause) {
        super(message, cause);
        this.errno = 0;
    }

    /** The kernel's error number, or 0 when no system call failed. */
    public int errno() {
        return errno;
    }
}
