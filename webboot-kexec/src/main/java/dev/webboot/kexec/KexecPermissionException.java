package dev.webboot.kexec;

/** EPERM: the process lacks CAP_SYS_BOOT, or a locked-down kernel refused an unsigned kernel image. */
public final class KexecPermissionException extends KexecException {
    private static final long serialVersionUID = 1L;

    public KexecPermissionException(String message, int errno) {
        super(message, errno);
    }
}
