package dev.webboot.kexec.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The system calls kexec and module loading need, made through the C library's {@code syscall(2)} with JNA.
 *
 * <p>Every variadic argument is passed as a {@code long} or a {@link Pointer}: a Java {@code int} would become a
 * 32-bit C int, and the kernel would read garbage in the upper half of the register.
 */
public final class LinuxSyscalls {
    /** {@code MFD_CLOEXEC}. */
    public static final long MFD_CLOEXEC = 1;

    private static final long LINUX_REBOOT_MAGIC1 = 0xfee1deadL;
    private static final long LINUX_REBOOT_MAGIC2 = 672274793L;

    interface CLibrary extends Library {
        long syscall(long number, Object... args) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int open(String path, int flags) throws LastErrorException;
    }

    private static final class Holder {
        static final CLibrary C = Native.load("c", CLibrary.class);
    }

    private LinuxSyscalls() {}

    private static CLibrary c() {
        return Holder.C;
    }

    /** {@code memfd_create(name, MFD_CLOEXEC)}: a file that lives only in memory. */
    public static int memfdCreate(long number, String name) throws LastErrorException {
        Memory cname = cString(name);
        return (int) c().syscall(number, cname, MFD_CLOEXEC);
    }

    /**
     * {@code kexec_file_load(kernel_fd, initrd_fd, cmdline_len, cmdline, flags)}; {@code cmdline_len} counts the
     * final NUL.
     */
    public static void kexecFileLoad(long number, int kernelFd, int initrdFd, String cmdline, long flags)
            throws LastErrorException {
        Memory c = cString(cmdline);
        c().syscall(number, (long) kernelFd, (long) initrdFd, c.size(), c, flags);
    }

    /** {@code kexec_file_load(-1, -1, 0, NULL, KEXEC_FILE_UNLOAD)}. */
    public static void kexecFileUnload(long number, long unloadFlag) throws LastErrorException {
        c().syscall(number, -1L, -1L, 0L, Pointer.NULL, unloadFlag);
    }

    /** {@code reboot(MAGIC1, MAGIC2, cmd, NULL)}. */
    public static void reboot(long number, long command) throws LastErrorException {
        c().syscall(number, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, command, Pointer.NULL);
    }

    /** {@code finit_module(fd, params, flags)}. */
    public static void finitModule(long number, int fd, String params, long flags) throws LastErrorException {
        c().syscall(number, (long) fd, cString(params), flags);
    }

    /** {@code init_module(image, len, params)}. */
    public static void initModule(long number, Memory image, String params) throws LastErrorException {
        c().syscall(number, image, image.size(), cString(params));
    }

    /** {@code open(path, O_RDONLY | O_CLOEXEC)}. */
    public static int openReadOnly(String path) throws LastErrorException {
        return c().open(path, 02000000);
    }

    /** {@code close(fd)}, ignoring errors (nothing useful can be done about them). */
    public static void closeQuietly(int fd) {
        try {
            c().close(fd);
        } catch (LastErrorException e) {
            // The descriptor is gone either way.
        }
    }

    private static Memory cString(String s) {
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Memory m = new Memory(bytes.length + 1L);
        m.write(0, bytes, 0, bytes.length);
        m.setByte(bytes.length, (byte) 0);
        return m;
    }
}
