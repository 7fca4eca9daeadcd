package dev.webboot.pmem.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.ptr.LongByReference;
import dev.webboot.pmem.PmemException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The size of a block device: the {@code BLKGETSIZE64} ioctl through JNA, or, when JNA cannot load, {@code
 * /sys/class/block/NAME/size} (512-byte sectors). Java's {@code FileChannel.size()} says 0 for block devices.
 */
public final class LinuxBlockSize {
    /** {@code _IOR(0x12, 114, size_t)} on every 64-bit Linux architecture. */
    static final long BLKGETSIZE64 = 0x80081272L;

    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 02000000;

    private LinuxBlockSize() {}

    /** Calls into the C library; loaded on first use only. */
    interface CLibrary extends Library {
        int open(String path, int flags) throws LastErrorException;

        int ioctl(int fd, long request, LongByReference value) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static final class Holder {
        static final CLibrary C = Native.load("c", CLibrary.class);
    }

    /** The size of the block device at {@code path} in bytes. */
    public static long of(Path path) throws IOException {
        try {
            return ioctl(path);
        } catch (LastErrorException e) {
            throw new PmemException(path + ": cannot read the device size (errno " + e.getErrorCode() + ")", e);
        } catch (LinkageError e) {
            return sysfs(path);
        }
    }

    /** {@code BLKGETSIZE64}. */
    static long ioctl(Path path) {
        CLibrary c = Holder.C;
        int fd = c.open(path.toString(), O_RDONLY | O_CLOEXEC);
        try {
            LongByReference size = new LongByReference();
            c.ioctl(fd, BLKGETSIZE64, size);
            return size.getValue();
        } finally {
            c.close(fd);
        }
    }

    /** {@code /sys/class/block/NAME/size} times 512. */
    static long sysfs(Path path) throws IOException {
        Path real = path.toRealPath();
        Path size = Path.of("/sys/class/block", real.getFileName().toString(), "size");
        String text = Files.readString(size, StandardCharsets.US_ASCII).strip();
        try {
            return Math.multiplyExact(Long.parseLong(text), 512L);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new PmemException(size + ": not a sector count: '" + text + "'");
        }
    }
}
