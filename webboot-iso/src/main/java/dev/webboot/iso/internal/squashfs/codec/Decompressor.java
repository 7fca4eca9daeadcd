package dev.webboot.iso.internal.squashfs.codec;

/**
 * Decompresses one self-contained compressed block (a squashfs metadata block, data block or fragment block).
 *
 * <p>Implementations are thread-safe: one instance serves every reader of an image.
 */
public interface Decompressor {

    /**
     * Decompresses {@code src[srcOffset, srcOffset + srcLength)} into {@code dst[0, maxLength)}.
     *
     * @return the number of bytes written to {@code dst}
     * @throws DecompressionException if the block is corrupt or would decompress to more than {@code maxLength}
     *     bytes (a decompression bomb never gets further than {@code maxLength} bytes of output)
     */
    int decompress(byte[] src, int srcOffset, int srcLength, byte[] dst, int maxLength) throws DecompressionException;
}
