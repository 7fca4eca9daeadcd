package dev.webboot.iso.internal.io;

import dev.webboot.iso.ImageSource;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A read-only channel with its own position over a shared {@link ImageSource}; closing it leaves the source open. */
public final class ImageSourceChannel extends ReadOnlyChannel {
    private final ImageSource source;

    public ImageSourceChannel(ImageSource source) {
        this.source = source;
    }

    public ImageSource source() {
        return source;
    }

    @Override
    protected int readAt(ByteBuffer dst, long at) throws IOException {
        return source.read(dst, at);
    }

    @Override
    protected long contentSize() throws IOException {
        return source.size();
    }
}
