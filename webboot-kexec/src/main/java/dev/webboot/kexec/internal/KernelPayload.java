package dev.webboot.kexec.internal;

import dev.webboot.iso.MalformedImageException;
import dev.webboot.iso.initramfs.Compression;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The kernel inside a kernel file: the file itself; a gzip-, xz- or zstd-compressed Image (Debian's arm64 {@code
 * vmlinuz}); or the payload of an EFI zboot image ({@code MZ}, {@code zimg} at byte 4, payload offset and size at 8
 * and 12, compression name at 24), as Fedora and Ubuntu ship arm64 kernels.
 */
public final class KernelPayload {
    private static final int ZBOOT_HEADER = 64;

    private KernelPayload() {}

    /**
     * A stream of the decompressed kernel and how it was compressed.
     *
     * @param stream the kernel's bytes
     * @param compression {@code none}, {@code gzip}, {@code xz}, {@code zstd}, or {@code zboot+gzip} …
     */
    public record Unwrapped(InputStream stream, String compression) {}

    /** Unwraps the kernel in {@code raw}; {@code name} is used in messages. */
    public static Unwrapped unwrap(String name, InputStream raw) throws IOException {
        InputStream in = raw.markSupported() ? raw : new BufferedInputStream(raw);
        in.mark(ZBOOT_HEADER);
        byte[] head = in.readNBytes(ZBOOT_HEADER);
        in.reset();
        if (head.length == ZBOOT_HEADER
                && head[0] == 'M'
                && head[1] == 'Z'
                && new String(head, 4, 4, StandardCharsets.US_ASCII).equals("zimg")) {
            ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            long offset = b.getInt(8) & 0xffffffffL;
            long size = b.getInt(12) & 0xffffffffL;
            int end = 24;
            while (end < 0x3c && head[end] != 0) {
                end++;
            }
            String type = new String(head, 24, end - 24, StandardCharsets.US_ASCII);
            Compression compression;
            if (type.equals("gzip")) {
                compression = Compression.GZIP;
            } else if (type.startsWith("zstd")) {
                compression = Compression.ZSTD;
            } else if (type.startsWith("xz")) {
                compression = Compression.XZ;
            } else {
                throw new MalformedImageException(
                        name,
                        24,
                        "an EFI zboot kernel compressed with '" + type + "', which webboot cannot decompress");
            }
            if (offset < ZBOOT_HEADER) {
                throw new MalformedImageException(name, 8, "an EFI zboot payload offset inside the header");
            }
            in.skipNBytes(offset);
            return new Unwrapped(compression.decompress(new Limited(in, size)), "zboot+" + compression.cliName());
        }
        Compression compression = moduleOrKernelCompression(head, head.length);
        return new Unwrapped(open(name, compression, in), compression.cliName());
    }

    /**
     * How a kernel image or module is compressed: kernels and modules come plain or in gzip, xz or zstd (what Linux's
     * {@code CONFIG_MODULE_COMPRESS_*} and EFI zboot produce); any other magic is taken as plain bytes.
     */
    public static Compression moduleOrKernelCompression(byte[] head, int length) {
        return Compression.detect(head, length)
                .filter(c -> c == Compression.GZIP || c == Compression.XZ || c == Compression.ZSTD)
                .orElse(Compression.NONE);
    }

    /** Starts decompressing (gzip reads its header at once), naming a corrupt start as such. */
    private static InputStream open(String name, Compression compression, InputStream in) throws IOException {
        try {
            return compression.decompress(in);
        } catch (MalformedImageException e) {
            throw e;
        } catch (IOException e) {
            throw new MalformedImageException(
                    name,
                    0,
                    "corrupt " + compression.cliName() + " data ("
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
    }

    /** At most {@code remaining} bytes of a stream. */
    private static final class Limited extends FilterInputStream {
        private long remaining;

        Limited(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
