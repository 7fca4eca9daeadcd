package dev.webboot.iso.internal.ext4;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.internal.io.ReadOnlyChannel;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A file's content read in place: each read asks the file's mapping for the run holding its position (kept for the
 * reads that follow), copies stored blocks straight from the image into the caller's buffer and supplies zeros for
 * holes and unwritten extents. Memory is the current run; nothing of the content is buffered.
 */
final class Ext4DataChannel extends ReadOnlyChannel {
    private static final byte[] ZEROS = new byte[8192];

    private final ImageSource source;
    private final BlockMapping mapping;
    private final long size;
    private final int blockSize;
    private BlockRun run;

    Ext4DataChannel(ImageSource source, BlockMapping mapping, long size, int blockSize) {
        this.source = source;
        this.mapping = mapping;
        this.size = size;
        this.blockSize = blockSize;
    }

    @Override
    protected int readAt(ByteBuffer dst, long at) throws IOException {
        if (at >= size) {
            return -1;
        }
        long position = at;
        int total = 0;
        while (dst.hasRemaining() && position < size) {
            long block = position / blockSize;
            if (run == null || !run.contains(block)) {
                run = mapping.run(block);
            }
            long runLeft = run.length() - (block - run.logical());
            // A hole can run to the end of the file (Long.MAX_VALUE blocks): compare in blocks before multiplying.
            long fileBlocksLeft = (size - 1) / blockSize - block + 1;
            long runEnd = runLeft >= fileBlocksLeft ? size : (block + runLeft) * blockSize;
            int n = (int) Math.min(dst.remaining(), runEnd - position);
            if (run.isZeros()) {
                for (int left = n; left > 0; ) {
                    int chunk = Math.min(left, ZEROS.length);
                    dst.put(ZEROS, 0, chunk);
                    left -= chunk;
                }
            } else {
                long disk = (run.physical() + (block - run.logical())) * blockSize + position % blockSize;
                ByteBuffer window = dst.slice();
                window.limit(n);
                source.readFully(window, disk);
                dst.position(dst.position() + n);
            }
            position += n;
            total += n;
        }
        return total;
    }

    @Override
    protected long contentSize() {
        return size;
    }
}
