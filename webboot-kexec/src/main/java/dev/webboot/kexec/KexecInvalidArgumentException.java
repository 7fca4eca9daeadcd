package dev.webboot.kexec;

/** EINVAL: an argument was refused, usually a command line that is too long. */
public final class KexecInvalidArgumentException extends KexecException {
    private static final long serialVersionUID = 1L;

    public KexecInvalidArgumentException(String message, int errno) {
        super(message, errno);
    }
}
