package dev.webboot.pmem.internal;

import dev.webboot.pmem.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A {@link BlockDevice} over a {@link FileChannel} of a block device or a regular file, with a fixed capacity. */
public final class ChannelBlockDevice implements BlockDevice {
    private final String name;
    private final FileChannel channel;
    private final long size;

    public ChannelBlockDevice(String name, FileChannel channel, long size) {
        this.name = name;
        this.channel = channel;
        this.size = size;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void write(ByteBuffer src, long position) throws IOException {
        if (position < 0 || position > size || src.remaining() > size - position) {
            throw new IOException(name + ": a write of " + src.remaining() + " bytes at " + position
                    + " would go past the end of the device (" + size + " bytes)");
        }
        long at = position;
        while (src.hasRemaining()) {
            at += channel.write(src, at);
        }
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        if (position >= size) {
            return -1;
        }
        int limit = dst.limit();
        if (dst.remaining() > size - position) {
            dst.limit(dst.position() + (int) (size - position));
        }
        try {
            return channel.read(dst, position);
        } finally {
            dst.limit(limit);
        }
    }

    @Override
    public void flush() throws IOException {
        channel.force(true);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return name + " (" + size + " bytes)";
    }
}
