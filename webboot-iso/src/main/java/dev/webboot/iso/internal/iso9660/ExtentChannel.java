package dev.webboot.iso.internal.iso9660;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.internal.io.ReadOnlyChannel;
import dev.webboot.iso.iso9660.Extent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A read-only channel over a file's extents, read in place from the image; the extents were checked to fit in the
 * volume (in a truncated image, the bytes past its end fail when read, saying so).
 */
final class ExtentChannel extends ReadOnlyChannel {
    private final IsoImage image;
    private final ImageSource source;
    private final List<Extent> extents;
    private final long[] starts;
    private final long size;

    ExtentChannel(IsoImage image, List<Extent> extents) {
        this.image = image;
        this.source = image.source();
        this.extents = extents;
        this.starts = new long[extents.size()];
        long total = 0;
        for (int i = 0; i < extents.size(); i++) {
            starts[i] = total;
            total += extents.get(i).length();
        }
        this.size = total;
    }

    @Override
    protected int readAt(ByteBuffer dst, long at) throws IOException {
        long position = at;
        if (position >= size) {
            return -1;
        }
        int total = 0;
        while (dst.hasRemaining() && position < size) {
            int index = extentAt(position);
            Extent extent = extents.get(index);
            long within = position - starts[index];
            long left = extent.length() - within;
            int want = (int) Math.min(dst.remaining(), left);
            ByteBuffer window = dst.duplicate();
            window.limit(window.position() + want);
            int n = source.read(window, extent.offset() + within);
            if (n <= 0) {
                if (total == 0) {
                    throw new dev.webboot.iso.MalformedImageException(
                            source.name(),
                            extent.offset() + within,
                            image.truncated()
                                    ? image.truncation() + "; file data lies past its end"
                                    : "file data ends early");
                }
                break;
            }
            dst.position(dst.position() + n);
            position += n;
            total += n;
        }
        return total;
    }

    private int extentAt(long at) {
        int low = 0;
        int high = starts.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (starts[mid] <= at) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        // Skip empty extents so the one returned has bytes at 'at'.
        while (low < starts.length - 1 && at - starts[low] >= extents.get(low).length()) {
            low++;
        }
        return low;
    }

    @Override
    protected long contentSize() {
        return size;
    }
}
