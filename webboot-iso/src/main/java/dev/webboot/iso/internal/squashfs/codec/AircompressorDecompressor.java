package dev.webboot.iso.internal.squashfs.codec;

import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.lzo.LzoDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.util.function.Supplier;

/**
 * squashfs "lzo" (raw LZO1X blocks), "lz4" (raw LZ4 blocks, also those written by {@code -Xhc}) and "zstd" (zstd
 * frames), decoded by io.airlift:aircompressor, which never writes past the output length it is given.
 */
public final class AircompressorDecompressor implements dev.webboot.iso.internal.squashfs.codec.Decompressor {
    private final String codec;
    // The zstd decoder keeps per-frame state, so each thread gets its own instance.
    private final ThreadLocal<Decompressor> decoder;

    private AircompressorDecompressor(String codec, Supplier<Decompressor> factory) {
        this.codec = codec;
        this.decoder = ThreadLocal.withInitial(factory);
    }

    public static AircompressorDecompressor lzo() {
        return new AircompressorDecompressor("lzo", LzoDecompressor::new);
    }

    public static AircompressorDecompressor lz4() {
        return new AircompressorDecompressor("lz4", Lz4Decompressor::new);
    }

    public static AircompressorDecompressor zstd() {
        return new AircompressorDecompressor("zstd", ZstdDecompressor::new);
    }

    @Override
    public int decompress(byte[] src, int srcOffset, int srcLength, byte[] dst, int maxLength)
            throws DecompressionException {
        if (codec.equals("zstd")) {
            long declared;
            try {
                declared = ZstdDecompressor.getDecompressedSize(src, srcOffset, srcLength);
            } catch (RuntimeException e) {
                throw new DecompressionException("corrupt zstd block: " + e.getMessage(), e);
            }
            if (declared > maxLength) {
                throw DecompressionException.tooLarge(codec, maxLength);
            }
        }
        try {
            return decoder.get().decompress(src, srcOffset, srcLength, dst, 0, maxLength);
        } catch (RuntimeException e) {
            // MalformedInputException, or an index error on input crafted to confuse the decoder; a block whose
            // output does not fit in maxLength fails the same way, so the message names both causes.
            throw new DecompressionException(
                    "corrupt " + codec + " block, or one that decompresses to more than " + maxLength + " bytes: "
                            + e.getMessage(),
                    e);
        }
    }
}
