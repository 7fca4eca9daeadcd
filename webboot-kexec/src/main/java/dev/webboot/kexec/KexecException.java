package dev.webboot.kexec;

import java.io.IOException;

/**
 * A kexec or module system call failed, or webboot refused to make it. The message is one actionable sentence;
 * subclasses say which kind of failure it was, {@link #errno()} the kernel's error number (0 when webboot refused
 * before calling the kernel).
 */
public class KexecException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    public KexecException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The kernel's error number, or 0 when no system call failed. */
    public int errno() {
        return errno;
    }
}
