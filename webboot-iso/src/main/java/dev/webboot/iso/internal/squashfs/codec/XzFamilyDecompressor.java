package dev.webboot.iso.internal.squashfs.codec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.tukaani.xz.ArrayCache;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * squashfs "xz" (.xz streams, BCJ filters included, decoded by {@link XZInputStream}) and "lzma" (the LZMA-alone
 * format with its 13-byte header, decoded by {@link LZMAInputStream}), both from org.tukaani:xz.
 *
 * <p>The decoder's memory is limited so that a header claiming a huge dictionary fails instead of allocating it.
 */
public final class XzFamilyDecompressor implements Decompressor {
    private static final ArrayCache ARRAYS = BasicArrayCache.getInstance();

    private final boolean lzmaAlone;
    private final int memoryLimitKiB;

    private XzFamilyDecompressor(boolean lzmaAlone, int blockSize) {
        this.lzmaAlone = lzmaAlone;
        // mksquashfs never uses a dictionary larger than the block size; allow generous room above that (the
        // decoders' defaults are 8 MiB) while refusing headers that would allocate hundreds of MiB.
        this.memoryLimitKiB = 2 * (blockSize / 1024) + 16 * 1024;
    }

    /** The .xz stream format. */
    public static XzFamilyDecompressor xz(int blockSize) {
        return new XzFamilyDecompressor(false, blockSize);
    }

    /** The LZMA-alone (.lzma) format. */
    public static XzFamilyDecompressor lzma(int blockSize) {
        return new XzFamilyDecompressor(true, blockSize);
    }

    @Override
    public int decompress(byte[] src, int srcOffset, int srcLength, byte[] dst, int maxLength)
            throws DecompressionException {
        String codec = lzmaAlone ? "lzma" : "xz";
        try (InputStream in = open(new ByteArrayInputStream(src, srcOffset, srcLength))) {
            int written = in.readNBytes(dst, 0, maxLength);
            if (written == maxLength && in.read() != -1) {
                throw DecompressionException.tooLarge(codec, maxLength);
            }
            return written;
        } catch (IOException | RuntimeException e) {
            // org.tukaani:xz reports corrupt input as IOExceptions, a few as runtime exceptions.
            throw new DecompressionException("corrupt " + codec + " block: " + e, e);
        }
    }

    private InputStream open(InputStream in) throws IOException {
        return lzmaAlone
                ? new LZMAInputStream(in, memoryLimitKiB, ARRAYS)
                : new XZInputStream(in, memoryLimitKiB, true, ARRAYS);
    }
}
