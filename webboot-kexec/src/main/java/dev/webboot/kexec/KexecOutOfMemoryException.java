package dev.webboot.kexec;

/** ENOMEM: no room for the kernel and initrd segments. */
public final class KexecOutOfMemoryException extends KexecException {
    private static final long serialVersionUID = 1L;

    public KexecOutOfMemoryException(String message, int errno) {
        super(message, errno);
    }
}
