package dev.webboot.fetch.internal;

import dev.webboot.fetch.DownloadSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Writes a block device in place. On discard the first {@value #WIPE_BYTES} bytes are zeroed: that covers the ISO 9660
 * system area and primary volume descriptor (sector 16 = byte 32768), the MBR/GPT headers, so nothing probes the
 * device as a bootable image afterwards.
 */
public final class BlockDeviceSink implements DownloadSink {
    static final int WIPE_BYTES = 64 * 1024;
    private static final int READ_BUFFER = 1 << 20;

    private final Path device;
    private final FileChannel channel;
    private long position;
    private Optional<String> validator = Optional.empty();

    private BlockDeviceSink(Path device, FileChannel channel) {
        this.device = device;
        this.channel = channel;
    }

    public static BlockDeviceSink open(Path device) throws IOException {
        return new BlockDeviceSink(device, FileChannel.open(device, StandardOpenOption.WRITE, StandardOpenOption.READ));
    }

    @Override
    public long heldBytes() {
        return position;
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
        ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
        long offset = 0;
        while (offset < position) {
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), position - offset));
            int n = channel.read(buffer, offset);
            if (n < 0) {
                throw new IOException(device + ": ended while re-reading it");
            }
            offset += n;
            buffer.flip();
            consumer.accept(buffer);
        }
    }

    @Override
    public void write(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
    }

    @Override
    public void restart() {
        position = 0;
        validator = Optional.empty();
    }

    @Override
    public void commit() throws IOException {
        channel.force(false);
    }

    @Override
    public void discard() throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate(WIPE_BYTES);
        long offset = 0;
        while (zeros.hasRemaining()) {
            int n = channel.write(zeros, offset);
            offset += n;
        }
        channel.force(false);
        position = 0;
    }

    @Override
    public void abort() throws IOException {
        discard(); // the bytes are at the destination itself: wipe them
    }

    @Override
    public String describe() {
        return device.toString();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
