package dev.webboot.iso.internal.iso9660;

import dev.webboot.iso.MalformedImageException;
import dev.webboot.iso.internal.io.ReadOnlyChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The uncompressed content of a zisofs file (Rock Ridge ZF "pz", as Linux and libisofs read it): a 16-byte header, a
 * table of block pointers, then each block of {@code 2^blockShift} bytes deflated on its own (an empty block is
 * zeros). Blocks are inflated one at a time as they are read; the last one is kept for sequential reads.
 */
final class ZisofsChannel extends ReadOnlyChannel {
    private static final byte[] MAGIC = {
        0x37, (byte) 0xE4, 0x53, (byte) 0x96, (byte) 0xC9, (byte) 0xDB, (byte) 0xD6, 0x07
    };

    private final SeekableByteChannel stored;
    private final String source;
    private final long reportAt;
    private final long storedSize;
    private final long size;
    private final int blockShift;
    private final int blockSize;
    private final long tableOffset;
    private final byte[] block;
    private final byte[] compressed;
    private long cachedBlock = -1;

    /**
     * @param stored the file's stored (compressed) bytes
     * @param source the image's name, for messages
     * @param reportAt the offset of the file's first stored byte in the image, named when the data is broken
     * @param size the uncompressed size the ZF entry states
     * @param blockShift the ZF entry's log2 of the block size (15 to 17)
     */
    ZisofsChannel(SeekableByteChannel stored, String source, long reportAt, long size, int blockShift)
            throws IOException {
        this.stored = stored;
        this.source = source;
        this.reportAt = reportAt;
        this.storedSize = stored.size();
        this.size = size;
        this.blockShift = blockShift;
        this.blockSize = 1 << blockShift;
        ByteBuffer header = readStored(0, 16);
        for (int i = 0; i < MAGIC.length; i++) {
            if (header.get(i) != MAGIC[i]) {
                throw malformed(0, "zisofs file does not start with the zisofs magic number");
            }
        }
        int headerSize = (header.get(12) & 0xff) * 4;
        if (headerSize < 16 || (header.get(13) & 0xff) != blockShift) {
            throw malformed(12, "zisofs header disagrees with its Rock Ridge ZF entry");
        }
        this.tableOffset = headerSize;
        this.block = new byte[blockSize];
        // A deflated block may be slightly larger than its input; anything much larger is not a zisofs block.
        this.compressed = new byte[blockSize + blockSize / 8 + 64];
    }

    private MalformedImageException malformed(long at, String problem) {
        return new MalformedImageException(source, reportAt + at, problem);
    }

    private ByteBuffer readStored(long at, int length) throws IOException {
        if (at < 0 || at > storedSize - length) {
            throw malformed(Math.max(0, at), "zisofs data points past the end of the stored file");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        stored.position(at);
        while (buffer.hasRemaining()) {
            if (stored.read(buffer) < 0) {
                throw malformed(at, "zisofs data ends early");
            }
        }
        return buffer.flip();
    }

    private void load(long index) throws IOException {
        if (index == cachedBlock) {
            return;
        }
        ByteBuffer pointers = readStored(tableOffset + index * 4, 8);
        long start = Integer.toUnsignedLong(pointers.getInt(0));
        long end = Integer.toUnsignedLong(pointers.getInt(4));
        long expected = Math.min(blockSize, size - (index << blockShift));
        if (end < start || end - start > compressed.length || end > storedSize) {
            throw malformed(tableOffset + index * 4, "zisofs block pointers " + start + ".." + end + " are invalid");
        }
        int length = (int) (end - start);
        if (length == 0) {
            java.util.Arrays.fill(block, 0, (int) expected, (byte) 0);
        } else {
            ByteBuffer data = readStored(start, length);
            data.get(compressed, 0, length);
            Inflater inflater = new Inflater();
            try {
                inflater.setInput(compressed, 0, length);
                int produced = 0;
                while (produced < expected && !inflater.finished()) {
                    int n = inflater.inflate(block, produced, (int) expected - produced);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    produced += n;
                }
                if (produced != expected) {
                    throw malformed(start, "zisofs block inflates to " + produced + " bytes, not " + expected);
                }
            } catch (DataFormatException e) {
                throw malformed(start, "zisofs block is not valid deflate data");
            } finally {
                inflater.end();
            }
        }
        cachedBlock = index;
    }

    @Override
    protected int readAt(ByteBuffer dst, long at) throws IOException {
        long position = at;
        if (position >= size) {
            return -1;
        }
        int total = 0;
        while (dst.hasRemaining() && position < size) {
            long index = position >>> blockShift;
            load(index);
            int within = (int) (position - (index << blockShift));
            int available = (int) Math.min(blockSize - within, size - position);
            int n = Math.min(available, dst.remaining());
            dst.put(block, within, n);
            position += n;
            total += n;
        }
        return total;
    }

    @Override
    protected long contentSize() {
        return size;
    }

    @Override
    protected void release() throws IOException {
        stored.close();
    }
}
