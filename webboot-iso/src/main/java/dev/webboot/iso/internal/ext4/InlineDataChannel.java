package dev.webboot.iso.internal.ext4;

import dev.webboot.iso.internal.io.ReadOnlyChannel;
import java.nio.ByteBuffer;

/** The content of an inline-data file, which the inode itself holds (at most an inode's size). */
final class InlineDataChannel extends ReadOnlyChannel {
    private final byte[] content;

    InlineDataChannel(byte[] content) {
        this.content = content;
    }

    @Override
    protected int readAt(ByteBuffer dst, long at) {
        if (at >= content.length) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), content.length - at);
        dst.put(content, (int) at, n);
        return n;
    }

    @Override
    protected long contentSize() {
        return content.length;
    }
}
