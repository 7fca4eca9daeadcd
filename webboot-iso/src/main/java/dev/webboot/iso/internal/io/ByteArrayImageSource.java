package dev.webboot.iso.internal.io;

import dev.webboot.iso.ImageSource;
import java.nio.ByteBuffer;

/** An image held in memory: small images (a boot config, a fuzzed input) read without touching the disk. */
public final class ByteArrayImageSource implements ImageSource {
    private final String name;
    private final byte[] bytes;

    public ByteArrayImageSource(String name, byte[] bytes) {
        this.name = name;
        this.bytes = bytes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public int read(ByteBuffer dst, long position) {
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        if (position >= bytes.length) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), bytes.length - position);
        dst.put(bytes, (int) position, n);
        return n;
    }

    @Override
    public void close() {}
}
