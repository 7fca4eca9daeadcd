package dev.webboot.iso.internal.io;

import dev.webboot.iso.ImageSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/** Any seekable channel; its position is shared state, so every read holds the lock. */
public final class ChannelImageSource implements ImageSource {
    private final String name;
    private final SeekableByteChannel channel;

    public ChannelImageSource(String name, SeekableByteChannel channel) {
        this.name = name;
        this.channel = channel;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized long size() throws IOException {
        return channel.size();
    }

    @Override
    public synchronized int read(ByteBuffer dst, long position) throws IOException {
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        if (position >= channel.size()) {
            return -1;
        }
        channel.position(position);
        return channel.read(dst);
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
