package dev.webboot.net.internal.link;

import com.sun.jna.LastErrorException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/** A socket file descriptor opened through the C library, with errors turned into {@link IOException}s. */
public final class NativeSocket implements Closeable {
    private final int fd;
    private final String description;
    private boolean closed;

    private NativeSocket(int fd, String description) {
        this.fd = fd;
        this.description = description;
    }

    /** Opens {@code socket(domain, type | SOCK_CLOEXEC, protocol)}; {@code description} names it in errors. */
    public static NativeSocket open(int domain, int type, int protocol, String description) throws IOException {
        try {
            return new NativeSocket(LibC.INSTANCE.socket(domain, type | LibC.SOCK_CLOEXEC, protocol), description);
        } catch (LastErrorException e) {
            throw failure("cannot open " + description, e);
        }
    }

    public void bind(byte[] address) throws IOException {
        try {
            LibC.INSTANCE.bind(fd, address, address.length);
        } catch (LastErrorException e) {
            throw failure("cannot bind " + description, e);
        }
    }

    public void connect(byte[] address) throws IOException {
        try {
            LibC.INSTANCE.connect(fd, address, address.length);
        } catch (LastErrorException e) {
            throw failure("cannot connect " + description, e);
        }
    }

    public void setOption(int level, int name, int value) throws IOException {
        byte[] bytes = ByteBuffer.allocate(4)
                .order(ByteOrder.nativeOrder())
                .putInt(value)
                .array();
        setOption(level, name, bytes);
    }

    public void setOption(int level, int name, byte[] value) throws IOException {
        try {
            LibC.INSTANCE.setsockopt(fd, level, name, value, value.length);
        } catch (LastErrorException e) {
            throw failure("cannot set option " + name + " on " + description, e);
        }
    }

    /** Sends one datagram to {@code address}, or to the connected peer when {@code address} is empty. */
    public void send(byte[] data, int length, byte[] address) throws IOException {
        try {
            long sent = LibC.INSTANCE.sendto(fd, data, length, 0, address.length == 0 ? null : address, address.length);
            if (sent != length) {
                throw new IOException(description + ": sent " + sent + " of " + length + " bytes");
            }
        } catch (LastErrorException e) {
            throw failure("cannot send on " + description, e);
        }
    }

    /**
     * Receives one datagram, waiting at most {@code timeoutMillis}; empty when none came in time. A datagram longer
     * than {@code buffer} is truncated, which the callers' parsers then reject.
     */
    public Optional<byte[]> receive(byte[] buffer, long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return Optional.empty();
            }
            byte[] pollFd = ByteBuffer.allocate(8)
                    .order(ByteOrder.nativeOrder())
                    .putInt(fd)
                    .putShort(LibC.POLLIN)
                    .array();
            try {
                int ready = LibC.INSTANCE.poll(pollFd, 1, (int) Math.min(left, 1000));
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException(description + ": interrupted");
                }
                if (ready == 0) {
                    continue;
                }
                long length = LibC.INSTANCE.recv(fd, buffer, buffer.length, 0);
                return Optional.of(Arrays.copyOf(buffer, (int) length));
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.EINTR || e.getErrorCode() == LibC.EAGAIN) {
                    continue;
                }
                throw failure("cannot receive on " + description, e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            LibC.INSTANCE.close(fd);
        } catch (LastErrorException e) {
            throw failure("cannot close " + description, e);
        }
    }

    /** An IOException whose message ends with the C library's description of {@code errno}. */
    public static IOException failure(String what, LastErrorException e) {
        return new IOException(what + ": " + Errno.describe(e.getErrorCode()), e);
    }
}
