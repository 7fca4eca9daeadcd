package dev.webboot.iso.internal.squashfs.codec;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** squashfs "gzip": zlib streams (RFC 1950), decoded with the JDK's {@link Inflater}. */
public final class GzipDecompressor implements Decompressor {

    @Override
    public int decompress(byte[] src, int srcOffset, int srcLength, byte[] dst, int maxLength)
            throws DecompressionException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(src, srcOffset, srcLength);
            int written = 0;
            while (!inflater.finished()) {
                if (written == maxLength) {
                    // Output is full: one more byte of output means the block is larger than allowed.
                    byte[] probe = new byte[1];
                    if (inflater.inflate(probe) > 0) {
                        throw DecompressionException.tooLarge("zlib", maxLength);
                    }
                    if (inflater.finished()) {
                        break;
                    }
                }
                int n = inflater.inflate(dst, written, maxLength - written);
                written += n;
                if (n == 0 && !inflater.finished()) {
                    if (inflater.needsDictionary()) {
                        throw new DecompressionException("zlib block needs a preset dictionary");
                    }
                    if (inflater.needsInput()) {
                        throw new DecompressionException("zlib block is truncated");
                    }
                }
            }
            return written;
        } catch (DataFormatException e) {
            throw new DecompressionException("corrupt zlib block: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
