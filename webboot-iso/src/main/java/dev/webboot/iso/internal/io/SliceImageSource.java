package dev.webboot.iso.internal.io;

import dev.webboot.iso.ImageSource;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A byte range of another source, read in place. Closing it leaves the outer source open. */
public final class SliceImageSource implements ImageSource {
    private final ImageSource outer;
    private final long offset;
    private final long length;
    private final String name;

    /** The caller has checked that the range lies inside {@code outer}. */
    public SliceImageSource(ImageSource outer, long offset, long length, String name) {
        this.outer = outer;
        this.offset = offset;
        this.length = length;
        this.name = name;
    }

    /** Where this range starts in the outermost source it was cut from. */
    public long offsetInOuter() {
        return offset;
    }

    public ImageSource outer() {
        return outer;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() {
        return length;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        if (position >= length) {
            return -1;
        }
        long available = length - position;
        if (dst.remaining() <= available) {
            return outer.read(dst, offset + position);
        }
        ByteBuffer limited = dst.slice().limit((int) available);
        int n = outer.read(limited, offset + position);
        if (n > 0) {
            dst.position(dst.position() + n);
        }
        return n;
    }

    @Override
    public void close() {
        // The outer source belongs to whoever opened it.
    }
}
