package dev.webboot.kexec;

import com.sun.jna.LastErrorException;
import dev.webboot.kexec.internal.LinuxSyscalls;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file that lives only in memory ({@code memfd_create}): what {@code kexec_file_load} is handed, so a kernel and
 * initrd go from the image straight into the kernel's hands without a temporary file on a disk webboot may not have.
 *
 * <p>Java reaches the descriptor's bytes through {@code /proc/self/fd/N}, which must be mounted.
 */
public final class MemoryFile implements Closeable {
    private final String name;
    private int fd;
    private FileChannel channel;
    private boolean readOnly;

    private MemoryFile(String name, int fd, FileChannel channel) {
        this.name = name;
        this.fd = fd;
        this.channel = channel;
    }

    /** Creates an empty memory file; {@code name} shows in {@code /proc/self/fd} as {@code memfd:name}. */
    public static MemoryFile create(String name) throws IOException {
        return create(Architecture.current(), name);
    }

    static MemoryFile create(Architecture arch, String name) throws IOException {
        int fd;
        try {
            fd = LinuxSyscalls.memfdCreate(arch.memfdCreateNumber(), name);
        } catch (LastErrorException e) {
            throw new KexecException(
                    name + ": memfd_create failed (errno " + e.getErrorCode()
                            + "): the kernel needs CONFIG_MEMFD_CREATE",
                    e.getErrorCode());
        }
        try {
            FileChannel channel =
                    FileChannel.open(Path.of("/proc/self/fd/" + fd), StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new MemoryFile(name, fd, channel);
        } catch (IOException e) {
            LinuxSyscalls.closeQuietly(fd);
            throw new IOException(name + ": cannot open the memory file through /proc/self/fd (is /proc mounted?)", e);
        }
    }

    /** The name given at creation. */
    public String name() {
        return name;
    }

    /** The file descriptor: read-write until {@link #finishWriting()}, read-only after. */
    public int fd() {
        return fd;
    }

    /**
     * Ends writing and returns a read-only descriptor of the same file, the only one left open. The kernel reads
     * kexec images with {@code kernel_read_file}, which refuses ({@code ETXTBSY}) a file that any descriptor still has
     * open for writing, and a memfd is created read-write.
     */
    public int finishWriting() throws IOException {
        if (readOnly) {
            return fd;
        }
        int readOnlyFd;
        try {
            readOnlyFd = LinuxSyscalls.openReadOnly("/proc/self/fd/" + fd);
        } catch (LastErrorException e) {
            throw new KexecException(
                    name + ": cannot reopen the memory file read-only (errno " + e.getErrorCode() + ")",
                    e.getErrorCode());
        }
        FileChannel readChannel;
        try {
            readChannel = FileChannel.open(Path.of("/proc/self/fd/" + readOnlyFd), StandardOpenOption.READ);
        } catch (IOException e) {
            LinuxSyscalls.closeQuietly(readOnlyFd);
            throw e;
        }
        channel.close();
        LinuxSyscalls.closeQuietly(fd);
        fd = readOnlyFd;
        channel = readChannel;
        readOnly = true;
        return fd;
    }

    /** The number of bytes in the file. */
    public long size() throws IOException {
        return channel.size();
    }

    /** Appends every byte of {@code source} and returns how many there were. */
    public long append(ReadableByteChannel source) throws IOException {
        requireWritable();
        long start = channel.size();
        long at = start;
        while (true) {
            long n = channel.transferFrom(source, at, 1 << 24);
            if (n <= 0) {
                // transferFrom returns 0 at the end of the source and, rarely, before it: check with one read.
                ByteBuffer probe = ByteBuffer.allocate(8192);
                int r = source.read(probe);
                if (r < 0) {
                    break;
                }
                probe.flip();
                at += channel.write(probe, at);
                continue;
            }
            at += n;
        }
        return at - start;
    }

    /** Appends every byte of {@code source}, stopping with an exception past {@code limit} bytes. */
    public long append(InputStream source, long limit) throws IOException {
        return append(Channels.newChannel(new LimitedInputStream(source, limit, name)));
    }

    /** Appends zero bytes until the size is a multiple of {@code alignment}. */
    public void padTo(int alignment) throws IOException {
        requireWritable();
        long size = channel.size();
        long padding = (alignment - size % alignment) % alignment;
        if (padding > 0) {
            channel.write(ByteBuffer.allocate((int) padding), size);
        }
    }

    /** A read-only stream of the file's bytes from its start (for checking what was written). */
    public InputStream newInputStream() {
        return Channels.newInputStream(new PositionalChannel(channel));
    }

    private void requireWritable() {
        if (readOnly) {
            throw new IllegalStateException(name + ": writing was finished");
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            LinuxSyscalls.closeQuietly(fd);
        }
    }

    /** Reads a {@link FileChannel} from offset 0 without moving its position. */
    private static final class PositionalChannel implements ReadableByteChannel {
        private final FileChannel channel;
        private long at;

        PositionalChannel(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int n = channel.read(dst, at);
            if (n > 0) {
                at += n;
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() {}
    }

    /** Fails once more than {@code limit} bytes were read: decompression must not fill memory without bound. */
    private static final class LimitedInputStream extends java.io.FilterInputStream {
        private final long limit;
        private final String name;
        private long count;

        LimitedInputStream(InputStream in, long limit, String name) {
            super(in);
            this.limit = limit;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) throws IOException {
            count += n;
            if (count > limit) {
                throw new IOException(name + ": larger than " + limit + " bytes once decompressed");
            }
        }
    }
}
