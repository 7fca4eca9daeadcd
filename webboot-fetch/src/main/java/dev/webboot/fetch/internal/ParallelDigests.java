package dev.webboot.fetch.internal;

import dev.webboot.fetch.HashAlgorithm;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hashes on a second thread while the download thread reads and writes, like {@code curl | sha256sum} does with two
 * processes. Chunks are hashed in the order they were submitted; memory is a fixed pool of buffers.
 */
final class ParallelDigests implements AutoCloseable {
    static final int BUFFER_SIZE = 256 * 1024;
    private static final int BUFFERS = 8;
    private static final Chunk END = new Chunk(new byte[0], 0);

    private record Chunk(byte[] bytes, int length) {}

    private final Map<HashAlgorithm, MessageDigest> digests = new EnumMap<>(HashAlgorithm.class);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Chunk> work = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final Object lock = new Object();
    private final Thread hasher;
    private int pending;

    ParallelDigests(Set<HashAlgorithm> algorithms) {
        for (HashAlgorithm algorithm : algorithms) {
            digests.put(algorithm, algorithm.newDigest());
        }
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[BUFFER_SIZE]);
        }
        hasher = new Thread(this::hashLoop, "webboot-hash");
        hasher.setDaemon(true);
        hasher.start();
    }

    private void hashLoop() {
        try {
            while (true) {
                Chunk chunk = work.take();
                if (chunk == END) {
                    return;
                }
                for (MessageDigest digest : digests.values()) {
                    digest.update(chunk.bytes(), 0, chunk.length());
                }
                free.add(chunk.bytes());
                synchronized (lock) {
                    pending--;
                    lock.notifyAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A buffer to read into; hand it back with {@link #submit}. Blocks while the hasher is behind. */
    byte[] borrow() throws InterruptedIOException {
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the hasher");
        }
    }

    /** Queues {@code length} bytes of a borrowed buffer for hashing; the buffer returns to the pool afterwards. */
    void submit(byte[] buffer, int length) throws InterruptedIOException {
        synchronized (lock) {
            pending++;
        }
        try {
            work.put(new Chunk(buffer, length));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while queueing bytes for hashing");
        }
    }

    /** Gives a borrowed buffer back unused. */
    void giveBack(byte[] buffer) {
        free.add(buffer);
    }

    /** Copies and queues the remaining bytes of {@code bytes}. */
    void submitCopy(ByteBuffer bytes) throws InterruptedIOException {
        while (bytes.hasRemaining()) {
            byte[] buffer = borrow();
            int n = Math.min(buffer.length, bytes.remaining());
            bytes.get(buffer, 0, n);
            submit(buffer, n);
        }
    }

    private void drain() throws InterruptedIOException {
        synchronized (lock) {
            while (pending > 0) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the hasher");
                }
            }
        }
    }

    /** Forgets everything hashed so far (after the queued bytes are done). */
    void reset() throws InterruptedIOException {
        drain();
        digests.values().forEach(MessageDigest::reset);
    }

    /** The hex digests of everything submitted. */
    Map<HashAlgorithm, String> finish() throws InterruptedIOException {
        drain();
        Map<HashAlgorithm, String> hex = new EnumMap<>(HashAlgorithm.class);
        digests.forEach((algorithm, digest) -> hex.put(algorithm, HexFormat.of().formatHex(digest.digest())));
        return hex;
    }

    @Override
    public void close() {
        work.offer(END);
    }
}
