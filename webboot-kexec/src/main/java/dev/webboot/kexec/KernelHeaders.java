package dev.webboot.kexec;

import dev.webboot.iso.Fields;
import dev.webboot.iso.MalformedImageException;
import dev.webboot.kexec.internal.KernelPayload;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the header of a Linux kernel image: the x86 boot protocol's setup header of a bzImage, or the 64-byte header
 * of an arm64 Image (also when the file is a gzip-, xz- or zstd-compressed Image, as Debian's arm64 {@code vmlinuz}
 * is, or an EFI zboot image). Anything else is refused with a sentence that says what the file is not.
 */
public final class KernelHeaders {
    /** Every header field lies within the first 64 KiB (the x86 setup code is at most 64 sectors). */
    public static final int HEAD_SIZE = 64 * 1024;

    private static final int X86_BOOT_FLAG = 0x1fe;
    private static final int X86_HDRS = 0x202;
    private static final int ARM64_MAGIC_OFFSET = 0x38;
    private static final long ARM64_MAGIC = 0x644d5241L; // "ARM\x64"
    private static final int ARM64_COMMAND_LINE = 2047;

    private KernelHeaders() {}

    /** Reads the header of the kernel at {@code path}, decompressing the start of it when it is compressed. */
    public static KernelHeader read(Path path) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
            return read(path.toString(), in);
        }
    }

    /** Reads the header from the start of a kernel image's bytes; {@code name} is used in messages. */
    public static KernelHeader read(String name, InputStream in) throws IOException {
        KernelPayload.Unwrapped kernel = KernelPayload.unwrap(name, in);
        byte[] head;
        try (InputStream plain = kernel.stream()) {
            head = plain.readNBytes(HEAD_SIZE);
        } catch (IOException e) {
            if (e instanceof MalformedImageException) {
                throw e;
            }
            throw new MalformedImageException(
                    name, 0, "corrupt " + kernel.compression() + " data (" + e.getMessage() + ")");
        }
        return parse(name, head, head.length, kernel.compression());
    }

    /**
     * Parses a header from the first {@code length} bytes of an uncompressed kernel image.
     *
     * @param compression how the file was compressed, for {@link KernelHeader#compression()}
     */
    public static KernelHeader parse(String name, byte[] head, int length, String compression)
            throws MalformedImageException {
        Fields f = new Fields(name, 0, head, 0, length);
        if (length >= X86_HDRS + 4
                && f.string(X86_HDRS, 4, StandardCharsets.US_ASCII).equals("HdrS")) {
            return x86(f, compression);
        }
        if (length >= 64 && f.u32le(ARM64_MAGIC_OFFSET) == ARM64_MAGIC) {
            return arm64(f, compression);
        }
        if (length >= 8
                && head[0] == 'M'
                && head[1] == 'Z'
                && f.string(4, 4, StandardCharsets.US_ASCII).equals("zimg")) {
            throw new MalformedImageException(
                    name,
                    4,
                    "an EFI zboot header: the kernel is its compressed payload (KernelHeaders.read unwraps it)");
        }
        throw new MalformedImageException(
                name,
                0,
                "not a Linux kernel: neither an x86 bzImage (no \"HdrS\" at byte 0x202) nor an arm64 Image (no"
                        + " \"ARM\\x64\" at byte 0x38)"
                        + (compression.equals("none") ? "" : " after " + compression + " decompression"));
    }

    private static KernelHeader x86(Fields f, String compression) throws MalformedImageException {
        if (f.u16le(X86_BOOT_FLAG) != 0xaa55) {
            throw f.malformed(X86_BOOT_FLAG, "an x86 setup header without the 0xAA55 boot flag");
        }
        int protocol = f.u16le(0x206);
        if (protocol < 0x0200) {
            throw f.malformed(0x206, "an x86 kernel with boot protocol " + protocolText(protocol) + ", before 2.00");
        }
        int setupSectors = f.u8(0x1f1);
        int setupSize = ((setupSectors == 0 ? 4 : setupSectors) + 1) * 512;
        Set<String> flags = new LinkedHashSet<>();
        int loadFlags = f.u8(0x211);
        if ((loadFlags & 0x01) != 0) {
            flags.add("LOADED_HIGH");
        }
        if (protocol >= 0x0205 && f.u8(0x234) != 0) {
            flags.add("RELOCATABLE");
        }
        if (protocol >= 0x020c) {
            int xloadflags = f.u16le(0x236);
            String[] names = {"KERNEL_64", "CAN_BE_LOADED_ABOVE_4G", "EFI_HANDOVER_32", "EFI_HANDOVER_64", "EFI_KEXEC"};
            for (int bit = 0; bit < names.length; bit++) {
                if ((xloadflags & (1 << bit)) != 0) {
                    flags.add(names[bit]);
                }
            }
        }
        int maxCommandLine = 255;
        if (protocol >= 0x0206) {
            long size = f.u32le(0x238);
            maxCommandLine = (int) Math.min(size, Integer.MAX_VALUE);
        }
        String version = "";
        int versionPointer = f.u16le(0x20e);
        if (versionPointer != 0) {
            int at = 0x200 + versionPointer;
            if (at >= setupSize) {
                throw f.malformed(0x20e, "a kernel version string pointer (" + at + ") beyond the setup code");
            }
            version = cString(f, at, 256);
        }
        String format = (loadFlags & 0x01) != 0 ? "bzImage" : "zImage";
        return new KernelHeader(
                Architecture.X86_64, format, version, protocolText(protocol), flags, maxCommandLine, compression);
    }

    private static KernelHeader arm64(Fields f, String compression) throws MalformedImageException {
        long flagsField = f.s64le(24);
        long imageSize = f.s64le(16);
        Set<String> flags = new LinkedHashSet<>();
        flags.add((flagsField & 1) == 0 ? "LITTLE_ENDIAN" : "BIG_ENDIAN");
        int page = (int) ((flagsField >> 1) & 3);
        flags.add(
                switch (page) {
                    case 1 -> "PAGE_SIZE_4K";
                    case 2 -> "PAGE_SIZE_16K";
                    case 3 -> "PAGE_SIZE_64K";
                    default -> "PAGE_SIZE_UNSPECIFIED";
                });
        if (imageSize == 0) {
            throw f.malformed(16, "an arm64 Image with image_size 0 (a kernel before 3.17, which kexec cannot place)");
        }
        return new KernelHeader(Architecture.ARM64, "Image", "", "", flags, ARM64_COMMAND_LINE, compression);
    }

    /** A NUL-terminated ASCII string of at most {@code max} bytes at {@code at}. */
    private static String cString(Fields f, int at, int max) throws MalformedImageException {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < max; i++) {
            if (at + i >= f.length()) {
                throw f.malformed(at, "a kernel version string that runs past the header");
            }
            int c = f.u8(at + i);
            if (c == 0) {
                return s.toString();
            }
            if (c < 0x20 || c > 0x7e) {
                throw f.malformed(at + i, "a control or non-ASCII byte in the kernel version string");
            }
            s.append((char) c);
        }
        throw f.malformed(at, "a kernel version string longer than " + max + " bytes");
    }

    private static String protocolText(int protocol) {
        return String.format(Locale.ROOT, "%d.%02d", protocol >> 8, protocol & 0xff);
    }
}
