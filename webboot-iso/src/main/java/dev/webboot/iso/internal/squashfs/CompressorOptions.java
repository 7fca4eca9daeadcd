package dev.webboot.iso.internal.squashfs;

import dev.webboot.iso.Fields;
import dev.webboot.iso.MalformedImageException;

/**
 * Checks the compressor options metadata block that follows the superblock when mksquashfs was given non-default
 * compressor settings. Decoding needs none of them (every stream carries its own parameters), but values that no
 * mksquashfs writes mean the image is not what it claims to be.
 */
final class CompressorOptions {
    private CompressorOptions() {}

    static void check(SquashfsCompression compression, MetadataReader.Block block, String source)
            throws MalformedImageException {
        Fields f = new Fields(source, block.position(), block.data());
        switch (compression) {
            case GZIP -> {
                require(f, 8, compression);
                long level = f.u32le(0);
                int window = f.u16le(4);
                if (level < 1 || level > 9 || window < 8 || window > 15) {
                    throw f.malformed(0, "gzip options: level " + level + ", window " + window);
                }
            }
            case XZ -> {
                require(f, 8, compression);
                long dictionary = f.u32le(0);
                if (dictionary < 8192 || dictionary > (1 << Superblock.MAX_BLOCK_LOG)) {
                    throw f.malformed(0, "xz options: dictionary size " + dictionary);
                }
            }
            case LZ4 -> {
                require(f, 8, compression);
                long version = f.u32le(0);
                long flags = f.u32le(4);
                if (version != 1 || (flags & ~1L) != 0) {
                    throw f.malformed(0, "lz4 options: version " + version + ", flags " + flags);
                }
            }
            case ZSTD -> {
                require(f, 4, compression);
                long level = f.u32le(0);
                if (level < 1 || level > 22) {
                    throw f.malformed(0, "zstd options: level " + level);
                }
            }
            case LZO -> {
                require(f, 8, compression);
                long algorithm = f.u32le(0);
                if (algorithm > 4) {
                    throw f.malformed(0, "lzo options: algorithm " + algorithm);
                }
            }
            case LZMA -> throw f.malformed(0, "lzma takes no compressor options");
        }
    }

    private static void require(Fields f, int length, SquashfsCompression compression) throws MalformedImageException {
        if (f.length() != length) {
            throw f.malformed(0, compression.cliName() + " options block has " + f.length() + " bytes, not " + length);
        }
    }
}
