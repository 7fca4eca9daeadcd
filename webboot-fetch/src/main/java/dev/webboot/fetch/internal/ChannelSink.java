package dev.webboot.fetch.internal;

import dev.webboot.fetch.DownloadSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Optional;
import java.util.function.Consumer;

/** A forward-only channel: resumable within one download, never rewindable. */
public final class ChannelSink implements DownloadSink {
    private final WritableByteChannel channel;
    private final String name;
    private long written;
    private Optional<String> validator = Optional.empty();

    public ChannelSink(WritableByteChannel channel, String name) {
        this.channel = channel;
        this.name = name;
    }

    @Override
    public long heldBytes() {
        return written;
    }

    @Override
    public Optional<String> heldValidator() {
        return validator;
    }

    @Override
    public void recordValidator(String newValidator) {
        validator = Optional.of(newValidator);
    }

    @Override
    public void readHeld(Consumer<ByteBuffer> consumer) throws IOException {
        if (written > 0) {
            throw new IOException(name + ": a channel cannot be re-read");
        }
    }

    @Override
    public void write(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            written += channel.write(buffer);
        }
    }

    @Override
    public void restart() throws IOException {
        if (written > 0) {
            throw new dev.webboot.fetch.DownloadException(
                    name + ": the server sent the resource again from the start, and a stream that "
                            + "already went out cannot be taken back");
        }
    }

    @Override
    public void commit() {}

    @Override
    public void discard() {}

    @Override
    public void abort() {}

    @Override
    public String describe() {
        return name;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
