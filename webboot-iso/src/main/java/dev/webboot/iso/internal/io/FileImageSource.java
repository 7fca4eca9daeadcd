package dev.webboot.iso.internal.io;

import dev.webboot.iso.ImageSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A file or block device: {@link FileChannel}'s positional reads are thread-safe, so no lock is needed. */
public final class FileImageSource implements ImageSource {
    private final String name;
    private final FileChannel channel;

    public FileImageSource(String name, FileChannel channel) {
        this.name = name;
        this.channel = channel;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() throws IOException {
        // The JDK asks the kernel for a block device's size (BLKGETSIZE64), so this is right for /dev/pmem0 too.
        return channel.size();
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        return channel.read(dst, position);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
