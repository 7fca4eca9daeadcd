package dev.webboot.boot.internal;

import dev.webboot.fetch.DownloadSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * A sink that says how much it can hold: the pmem device's capacity, read by webboot-pmem (a block device's channel
 * reports size 0). The downloader refuses an image the server says is larger before reading its body, and stops one
 * of unknown size when it would overflow.
 */
final class CapacitySink implements DownloadSink {
    private final DownloadSink delegate;
    private final long capacity;
    private final String name;

    CapacitySink(DownloadSink delegate, long capacity, String name) {
        this.delegate = delegate;
        this.capacity = capacity;
        this.name = name;
    }

    @Override
    public OptionalLong capacity() {
        return OptionalLong.of(capacity);
    }

    @Override
    public long heldBytes() throws IOException {
        return delegate.heldBytes();
    }

    @Override
    public Optional<String> heldValidator() throws IOException {
        return delegate.heldValidator();
    }

    @Override
    public void recordValidator(String validator) throws IOException {
        delegate.recordValidator(validator);
    }

    @Override
    public void readHeld(Consumer<ByteBuffer> consumer) throws IOException {
        delegate.readHeld(consumer);
    }

    @Override
    public void write(ByteBuffer buffer) throws IOException {
        delegate.write(buffer);
    }

    @Override
    public void restart() throws IOException {
        delegate.restart();
    }

    @Override
    public void commit() throws IOException {
        delegate.commit();
    }

    @Override
    public void discard() throws IOException {
        delegate.discard();
    }

    @Override
    public void abort() throws IOException {
        delegate.abort();
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
