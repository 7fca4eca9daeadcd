package dev.webboot.kexec;

/** ENOSYS: the running kernel has no kexec_file_load (built without CONFIG_KEXEC_FILE). */
public final class KexecNotSupportedException extends KexecException {
    private static final long serialVersionUID = 1L;

    public KexecNotSupportedException(String message, int errno) {
        super(message, errno);
    }
}
