package dev.webboot.kexec;

/** EKEYREJECTED or EBADMSG: the kernel image's signature was rejected or unreadable. */
public final class KexecSignatureException extends KexecException {
    private static final long serialVersionUID = 1L;

    public KexecSignatureException(String message, int errno) {
        super(message, errno);
    }
}
