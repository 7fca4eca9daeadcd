package dev.webboot.iso.internal.squashfs;

import dev.webboot.iso.internal.squashfs.codec.AircompressorDecompressor;
import dev.webboot.iso.internal.squashfs.codec.Decompressor;
import dev.webboot.iso.internal.squashfs.codec.GzipDecompressor;
import dev.webboot.iso.internal.squashfs.codec.XzFamilyDecompressor;
import java.util.Optional;

/** The compressor ids of the squashfs superblock, named as mksquashfs's {@code -comp} option names them. */
public enum SquashfsCompression {
    GZIP(1, "gzip"),
    LZMA(2, "lzma"),
    LZO(3, "lzo"),
    XZ(4, "xz"),
    LZ4(5, "lz4"),
    ZSTD(6, "zstd");

    private final int id;
    private final String cliName;

    SquashfsCompression(int id, String cliName) {
        this.id = id;
        this.cliName = cliName;
    }

    public int id() {
        return id;
    }

    /** gzip, lzma, lzo, xz, lz4 or zstd. */
    public String cliName() {
        return cliName;
    }

    public static Optional<SquashfsCompression> ofId(int id) {
        for (SquashfsCompression c : values()) {
            if (c.id == id) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** A decompressor for blocks of an image whose block size is {@code blockSize}. */
    Decompressor decompressor(int blockSize) {
        return switch (this) {
            case GZIP -> new GzipDecompressor();
            case LZMA -> XzFamilyDecompressor.lzma(blockSize);
            case LZO -> AircompressorDecompressor.lzo();
            case XZ -> XzFamilyDecompressor.xz(blockSize);
            case LZ4 -> AircompressorDecompressor.lz4();
            case ZSTD -> AircompressorDecompressor.zstd();
        };
    }
}
