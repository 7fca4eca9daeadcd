package dev.webboot.iso.internal.initramfs;

import dev.webboot.iso.initramfs.Compression;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.SingleXZInputStream;

/**
 * Detects a segment's compression by its magic, as the kernel's {@code decompress_method} does, and opens a decoder
 * that reads exactly that segment: when the decoder ends, its input stands on the segment's last byte + 1.
 */
public final class SegmentDecoders {
    /** The most memory (KiB) an xz or lzma header may make the decoder allocate: 256 MiB. */
    private static final int MEMORY_LIMIT_KIB = 256 * 1024;

    private SegmentDecoders() {}

    /** The compression whose magic starts {@code head} (the kernel looks at two bytes), or empty. */
    public static Optional<Compression> detect(byte[] head, int length) {
        if (length < 2) {
            return Optional.empty();
        }
        int a = head[0] & 0xff;
        int b = head[1] & 0xff;
        if (a == 0x1f && (b == 0x8b || b == 0x9e)) {
            return Optional.of(Compression.GZIP);
        }
        if (a == 'B' && b == 'Z') {
            return Optional.of(Compression.BZIP2);
        }
        if (a == 0x5d && b == 0x00) {
            return Optional.of(Compression.LZMA);
        }
        if (a == 0xfd && b == 0x37) {
            return Optional.of(Compression.XZ);
        }
        if (a == 0x89 && b == 0x4c) {
            return Optional.of(Compression.LZO);
        }
        if (a == 0x02 && b == 0x21) {
            return Optional.of(Compression.LZ4);
        }
        if (a == 0x28 && b == 0xb5) {
            return Optional.of(Compression.ZSTD);
        }
        return Optional.empty();
    }

    /** A decoder of the segment starting at {@code in.position()}. */
    public static InputStream open(Compression compression, SourceInputStream in) throws IOException {
        return switch (compression) {
            case NONE -> in;
            case GZIP -> new GzipMemberInputStream(in);
            case BZIP2 -> new BZip2CompressorInputStream(in, false);
            case LZMA -> new LZMAInputStream(in, MEMORY_LIMIT_KIB);
            case XZ -> new SingleXZInputStream(in, MEMORY_LIMIT_KIB);
            case LZO -> new LzopInputStream(in);
            case LZ4 -> new Lz4LegacyInputStream(in);
            case ZSTD -> new ZstdInputStream(new ZstdFrameLimiter(in));
        };
    }
}
