package dev.webboot.pmem;

import dev.webboot.pmem.internal.LinuxBlockSize;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies an image into a {@link BlockDevice} from offset 0 through two bounded buffers (one written by a second
 * thread while the next is read and hashed), hashing as it goes, then
 * flushes, and optionally reads the bytes back and compares their hash.
 *
 * <p>An image whose size is known and larger than the device is refused before a byte is written. A stream of
 * unknown length that turns out too large fails as soon as the device is full (the device then holds a partial
 * image, and the exception says so).
 */
public final class Stager {
    /** The copy buffer when nothing else is said: 1 MiB. */
    public static final int DEFAULT_BUFFER_SIZE = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(Stager.class);

    private final int bufferSize;
    private final boolean verify;
    private final LongConsumer progress;

    /** A stager with a 1 MiB buffer, without read-back. */
    public Stager() {
        this(DEFAULT_BUFFER_SIZE, false, bytes -> {});
    }

    private Stager(int bufferSize, boolean verify, LongConsumer progress) {
        if (bufferSize < 4096 || bufferSize > (64 << 20)) {
            throw new IllegalArgumentException("buffer size must be between 4 KiB and 64 MiB: " + bufferSize);
        }
        this.bufferSize = bufferSize;
        this.verify = verify;
        this.progress = progress;
    }

    /** This stager with another copy buffer size (4 KiB to 64 MiB). */
    public Stager withBufferSize(int size) {
        return new Stager(size, verify, progress);
    }

    /** This stager, reading the image back after the flush and comparing hashes when {@code verify}. */
    public Stager withVerification(boolean verify) {
        return new Stager(bufferSize, verify, progress);
    }

    /** This stager, telling {@code progress} the number of bytes handed to the device so far after every buffer. */
    public Stager withProgress(LongConsumer progress) {
        return new Stager(bufferSize, verify, progress);
    }

    /**
     * Stages a file or a block device (its size is known, so a too-large one is refused before anything is written).
     */
    public StageResult stage(Path image, BlockDevice device) throws IOException {
        try (FileChannel in = FileChannel.open(image, StandardOpenOption.READ)) {
            // A block device's channel says size 0; the kernel knows the real one.
            long size = BlockDevices.isBlockDevice(image) ? LinuxBlockSize.of(image) : in.size();
            return stage(in, OptionalLong.of(size), device);
        }
    }

    /**
     * Stages the bytes of {@code source} until its end.
     *
     * @param size the image's size when the source knows it (a Content-Length, a file's length)
     * @throws ImageTooLargeException when the image is larger than the device
     */
    public StageResult stage(ReadableByteChannel source, OptionalLong size, BlockDevice device) throws IOException {
        if (size.isPresent() && size.getAsLong() > device.size()) {
            throw new ImageTooLargeException(device.name(), size.getAsLong(), device.size(), false);
        }
        MessageDigest digest = sha256();
        // Two buffers: the device writes one on a second thread while this one reads and hashes the other.
        ByteBuffer[] buffers = {ByteBuffer.allocateDirect(bufferSize), ByteBuffer.allocateDirect(bufferSize)};
        ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "webboot-stage-writer");
            thread.setDaemon(true);
            return thread;
        });
        long written = 0;
        Future<?> pending = null;
        try {
            for (int round = 0; ; round++) {
                ByteBuffer buffer = buffers[round & 1];
                buffer.clear();
                int n = fill(source, buffer);
                if (n == 0) {
                    break;
                }
                buffer.flip();
                if (buffer.remaining() > device.size() - written) {
                    await(pending);
                    throw new ImageTooLargeException(device.name(), size.orElse(-1), device.size(), written > 0);
                }
                digest.update(buffer.duplicate());
                await(pending);
                long at = written;
                pending = writer.submit(() -> {
                    device.write(buffer, at);
                    return null;
                });
                written += n;
                progress.accept(written);
            }
            await(pending);
        } finally {
            // Never interrupt a write: an interrupted FileChannel closes itself, and the device with it.
            finishQuietly(pending);
            writer.shutdown();
        }
        ByteBuffer buffer = buffers[0];
        if (size.isPresent() && written != size.getAsLong()) {
            throw new PmemException(
                    device.name() + ": the source ended after " + written + " of its " + size.getAsLong() + " bytes");
        }
        device.flush();
        String hash = HexFormat.of().formatHex(digest.digest());
        LOG.info("staged {} bytes into {} (sha256 {})", written, device.name(), hash);
        if (!verify) {
            return new StageResult(device.name(), written, hash, false);
        }
        String readBack = hashDevice(device, written, buffer);
        if (!readBack.equals(hash)) {
            throw new PmemException(device.name() + ": the bytes read back (sha256 " + readBack
                    + ") differ from the bytes written (sha256 " + hash + ")");
        }
        return new StageResult(device.name(), written, hash, true);
    }

    /** Waits for a write to finish when something else already failed. */
    private static void finishQuietly(Future<?> write) {
        if (write == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                write.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break; // already reported, or superseded by the failure in progress
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for a write to finish, rethrowing its failure. */
    private static void await(Future<?> write) throws IOException {
        if (write == null) {
            return;
        }
        try {
            write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while staging");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("the stage writer failed", e.getCause());
        }
    }

    /** Fills the buffer, or as much of it as the source has left; 0 at the end. */
    private static int fill(ReadableByteChannel source, ByteBuffer buffer) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = source.read(buffer);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** The SHA-256 of the first {@code length} bytes of a device. */
    public static String hashDevice(BlockDevice device, long length, ByteBuffer buffer) throws IOException {
        MessageDigest digest = sha256();
        long at = 0;
        while (at < length) {
            buffer.clear();
            if (buffer.remaining() > length - at) {
                buffer.limit((int) (length - at));
            }
            int n = device.read(buffer, at);
            if (n < 0) {
                throw new PmemException(device.name() + ": ended after " + at + " of " + length + " bytes");
            }
            buffer.flip();
            digest.update(buffer);
            at += n;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
