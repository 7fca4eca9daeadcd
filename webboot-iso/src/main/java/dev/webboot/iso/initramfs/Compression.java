package dev.webboot.iso.initramfs;

import dev.webboot.iso.internal.initramfs.SegmentDecoders;
import io.airlift.compress.zstd.ZstdInputStream;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/** How one segment of an initrd is stored; the names are those of the command-line contract. */
public enum Compression {
    NONE,
    GZIP,
    BZIP2,
    LZMA,
    XZ,
    LZO,
    LZ4,
    ZSTD;

    /** The lower-case name used on the command line and in JSON ({@code none}, {@code gzip}, ...). */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The compression with that command-line name, or empty. */
    public static Optional<Compression> fromCliName(String name) {
        for (Compression compression : values()) {
            if (compression.cliName().equals(name)) {
                return Optional.of(compression);
            }
        }
        return Optional.empty();
    }

    /**
     * The compression whose magic number starts {@code head}, by the kernel's own test ({@code decompress_method}
     * looks at two bytes); empty when the bytes are not compressed.
     */
    public static Optional<Compression> detect(byte[] head, int length) {
        return SegmentDecoders.detect(head, length);
    }

    /**
     * The decompressed bytes of one compressed file read from {@code in} — a kernel module ({@code .ko.xz}), a
     * kernel's payload — with the decoders initrds are read with ({@link #NONE} gives {@code in} itself). The xz and
     * lzma decoders refuse dictionaries above 256 MiB. lzo and lz4 are read only as initramfs segments (their framing
     * needs the image, see {@link Initramfs}); asking for them here is an {@link IOException}.
     */
    public InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in, 64 * 1024);
            case BZIP2 -> new BZip2CompressorInputStream(in, false);
            case LZMA -> new LZMAInputStream(in, DICTIONARY_LIMIT_KIB);
            case XZ -> new XZInputStream(in, DICTIONARY_LIMIT_KIB);
            case ZSTD -> new ZstdInputStream(in);
            case LZO, LZ4 -> throw new IOException(
                    cliName() + " data is decompressed only as an initramfs segment (through Initramfs)");
        };
    }

    private static final int DICTIONARY_LIMIT_KIB = 256 * 1024;

    /**
     * A stream that compresses what is written into {@code out} the way the kernel can read it back (xz with CRC32,
     * which the kernel's decoder checks, never the CRC64 xz writes by default). Closing it finishes the compressed
     * stream and closes {@code out}. The one compressor switch of webboot; only {@link #writable()} compressions.
     *
     * @throws IllegalArgumentException for a compression webboot cannot write
     */
    public OutputStream compress(OutputStream out) throws IOException {
        return switch (this) {
            case NONE -> out;
            case GZIP -> new GZIPOutputStream(out, 64 * 1024);
            case XZ -> new XZOutputStream(out, new LZMA2Options(), org.tukaani.xz.XZ.CHECK_CRC32);
            case ZSTD -> new ZstdOutputStream(out);
            default -> throw new IllegalArgumentException("cannot write " + cliName() + "; use none, gzip, xz or zstd");
        };
    }

    /** True for the compressions {@link InitramfsWriter} can write. */
    public boolean writable() {
        return this == NONE || this == GZIP || this == XZ || this == ZSTD;
    }
}
