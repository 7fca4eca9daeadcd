package dev.webboot.kexec;

import dev.webboot.kexec.internal.Errno;

/** Turns the kernel's error numbers from kexec system calls into typed exceptions with an actionable sentence. */
final class KexecErrors {
    private KexecErrors() {}

    /** The exception for {@code errno} from {@code call} on {@code what} (the kernel's path, for messages). */
    static KexecException of(String call, int errno, String what) {
        String prefix = what + ": " + call + " failed";
        return switch (errno) {
            case Errno.EPERM -> new KexecPermissionException(
                    prefix + " (EPERM): run webboot as root (it needs CAP_SYS_BOOT); if the machine boots with Secure"
                            + " Boot, the kernel is locked down and loads only kernels signed with a trusted key",
                    errno);
            case Errno.EKEYREJECTED,
                    Errno.EBADMSG,
                    Errno.ENOKEY,
                    Errno.EKEYEXPIRED,
                    Errno.EKEYREVOKED -> new KexecSignatureException(
                    prefix + " (" + name(errno) + "): the kernel's signature was rejected; boot a kernel signed with a"
                            + " key the running kernel trusts, or turn off signature enforcement (Secure Boot)",
                    errno);
            case Errno.ENOEXEC -> new KexecImageRejectedException(
                    prefix + " (ENOEXEC): the running kernel does not recognise the image as a kernel it can load"
                            + " (wrong architecture, or a format its kexec_file_load does not support)",
                    errno);
            case Errno.ENOSYS, Errno.EOPNOTSUPP -> new KexecNotSupportedException(
                    prefix + " (" + name(errno) + "): the running kernel was built without kexec_file_load"
                            + " (CONFIG_KEXEC_FILE); boot webboot with a kernel that has it",
                    errno);
            case Errno.ENOMEM -> new KexecOutOfMemoryException(
                    prefix + " (ENOMEM): there is no room for the kernel and initrd; free memory (a smaller memmap="
                            + " range) or use a smaller initrd",
                    errno);
            case Errno.EBUSY -> new KexecBusyException(
                    prefix + " (EBUSY): another kexec load is in progress; wait for it to finish and" + " try again",
                    errno);
            case Errno.EINVAL -> new KexecInvalidArgumentException(
                    prefix + " (EINVAL): the kernel refused an argument, most often a command line that is too long"
                            + " for the new kernel; shorten the command line",
                    errno);
            case Errno.ETXTBSY -> new KexecException(
                    prefix + " (ETXTBSY): the kernel or initrd is open for writing somewhere; close it and try again",
                    errno);
            default -> new KexecException(prefix + " (errno " + errno + ")", errno);
        };
    }

    private static String name(int errno) {
        return switch (errno) {
            case Errno.EKEYREJECTED -> "EKEYREJECTED";
            case Errno.EBADMSG -> "EBADMSG";
            case Errno.ENOKEY -> "ENOKEY";
            case Errno.EKEYEXPIRED -> "EKEYEXPIRED";
            case Errno.EKEYREVOKED -> "EKEYREVOKED";
            case Errno.ENOSYS -> "ENOSYS";
            case Errno.EOPNOTSUPP -> "EOPNOTSUPP";
            default -> "errno " + errno;
        };
    }
}
