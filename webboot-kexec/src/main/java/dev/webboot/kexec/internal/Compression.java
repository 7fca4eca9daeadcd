package dev.webboot.kexec.internal;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/** The compressions kernels and modules come in, recognised by their magic numbers and undone in Java. */
public enum Compression {
    NONE("none"),
    GZIP("gzip"),
    XZ("xz"),
    ZSTD("zstd");

    private final String label;

    Compression(String label) {
        this.label = label;
    }

    /** {@code none}, {@code gzip}, {@code xz} or {@code zstd}. */
    public String label() {
        return label;
    }

    /** The compression whose magic number {@code head} starts with, or {@link #NONE}. */
    public static Compression detect(byte[] head, int length) {
        if (length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (length >= 6
                && (head[0] & 0xff) == 0xfd
                && head[1] == '7'
                && head[2] == 'z'
                && head[3] == 'X'
                && head[4] == 'Z'
                && head[5] == 0) {
            return XZ;
        }
        if (length >= 4
                && (head[0] & 0xff) == 0x28
                && (head[1] & 0xff) == 0xb5
                && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        return NONE;
    }

    /** A stream of the decompressed bytes of {@code in} (the same stream for {@link #NONE}). */
    public InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in, 64 * 1024);
                // A memory limit protects against a hostile dictionary size (KiB).
            case XZ -> new XZInputStream(in, 256 * 1024);
            case ZSTD -> new ZstdInputStream(in);
        };
    }
}
