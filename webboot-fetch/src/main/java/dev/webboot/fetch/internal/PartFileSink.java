package dev.webboot.fetch.internal;

import dev.webboot.api.io.BoundedReads;
import dev.webboot.fetch.DownloadSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Consumer;

/** Writes {@code DEST.part}; renames it to {@code DEST} only when the caller says the bytes verified. */
public final class PartFileSink implements DownloadSink {
    private static final int READ_BUFFER = 1 << 20;
    private static final int MAX_VALIDATOR = 64 * 1024;

    private final Path destination;
    private final Path part;
    private final Path validatorFile;
    private final FileChannel channel;

    private PartFileSink(Path destination, Path part, Path validatorFile, FileChannel channel) {
        this.destination = destination;
        this.part = part;
        this.validatorFile = validatorFile;
        this.channel = channel;
    }

    public static PartFileSink open(Path destination) throws IOException {
        Path part = destination.resolveSibling(destination.getFileName() + ".part");
        Path validator = destination.resolveSibling(destination.getFileName() + ".part.validator");
        FileChannel channel =
                FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        if (!Files.exists(validator)) {
            // Bytes without a validator cannot be resumed safely: we would not know what they belong to.
            channel.truncate(0);
        }
        channel.position(channel.size());
        return new PartFileSink(destination, part, validator, channel);
    }

    @Override
    public long heldBytes() throws IOException {
        return channel.position();
    }

    @Override
    public Optional<String> heldValidator() throws IOException {
        if (!Files.exists(validatorFile)) {
            return Optional.empty();
        }
        // An ETag or a date: a few dozen bytes; anything longer is not one of ours.
        byte[] bytes = BoundedReads.readAll(validatorFile, MAX_VALIDATOR, "a resume validator");
        return Optional.of(new String(bytes, StandardCharsets.UTF_8).strip());
    }

    @Override
    public void recordValidator(String validator) throws IOException {
        Files.writeString(validatorFile, validator + "\n", StandardCharsets.UTF_8);
    }

    @Override
    public void readHeld(Consumer<ByteBuffer> consumer) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
        long end = channel.position();
        long offset = 0;
        while (offset < end) {
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), end - offset));
            int n = channel.read(buffer, offset);
            if (n < 0) {
                throw new IOException(part + ": shorter than expected while re-reading it");
            }
            offset += n;
            buffer.flip();
            consumer.accept(buffer);
        }
    }

    @Override
    public void write(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Override
    public void restart() throws IOException {
        channel.truncate(0);
        channel.position(0);
        Files.deleteIfExists(validatorFile);
    }

    @Override
    public void commit() throws IOException {
        channel.force(false);
        channel.close();
        Files.move(part, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(validatorFile);
    }

    @Override
    public void discard() throws IOException {
        channel.close();
        Files.deleteIfExists(part);
        Files.deleteIfExists(validatorFile);
    }

    @Override
    public void abort() throws IOException {
        channel.force(false); // so a later run resumes from bytes that are really on disk
        channel.close();
    }

    @Override
    public Optional<String> keptAfterAbort() {
        return Optional.of(part.toString());
    }

    @Override
    public String describe() {
        return destination.toString();
    }

    @Override
    public void close() throws IOException {
        // Leaves DEST.part and its validator for a later resume unless commit/discard already happened.
        channel.close();
    }
}
