package dev.webboot.iso.squashfs;

import dev.webboot.iso.ImageSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/** An image source that counts the bytes read through it. */
final class CountingSource implements ImageSource {
    private final ImageSource delegate;
    private final AtomicLong bytesRead = new AtomicLong();

    CountingSource(ImageSource delegate) {
        this.delegate = delegate;
    }

    long bytesRead() {
        return bytesRead.get();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        int n = delegate.read(dst, position);
        if (n > 0) {
            bytesRead.addAndGet(n);
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
