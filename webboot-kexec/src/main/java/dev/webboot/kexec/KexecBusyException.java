package dev.webboot.kexec;

/** EBUSY: another kexec load or unload is in progress. */
public final class KexecBusyException extends KexecException {
    private static final long serialVersionUID = 1L;

    public KexecBusyException(String message, int errno) {
        super(message, errno);
    }
}
