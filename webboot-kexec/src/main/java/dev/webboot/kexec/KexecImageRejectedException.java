package dev.webboot.kexec;

/** ENOEXEC, or webboot's own check: the image is not a kernel this machine can kexec. */
public final class KexecImageRejectedException extends KexecException {
    private static final long serialVersionUID = 1L;

    public KexecImageRejectedException(String message, int errno) {
        super(message, errno);
    }
}
