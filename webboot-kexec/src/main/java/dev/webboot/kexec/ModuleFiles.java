package dev.webboot.kexec;

import dev.webboot.iso.Fields;
import dev.webboot.iso.MalformedImageException;
import dev.webboot.iso.initramfs.Compression;
import dev.webboot.kexec.internal.KernelPayload;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads kernel module files: {@code .ko}, and {@code .ko.xz}, {@code .ko.zst}, {@code .ko.gz} decompressed in Java;
 * and the {@code .modinfo} section of their ELF image, as {@code modinfo} does.
 */
public final class ModuleFiles {
    /** A decompressed module larger than this is refused (the largest in Debian's kernel is about 15 MiB). */
    public static final int MAX_MODULE = 128 << 20;

    private static final int MAX_MODINFO = 1 << 20;
    private static final int MAX_DEPENDS = 1024;

    private ModuleFiles() {}

    /** The name a module file gives its module: {@code dm-mod.ko.xz} is {@code dm_mod}. */
    public static String moduleName(Path file) {
        String name = file.getFileName().toString();
        for (String suffix : new String[] {".ko.xz", ".ko.zst", ".ko.gz", ".ko"}) {
            if (name.endsWith(suffix)) {
                return canonical(name.substring(0, name.length() - suffix.length()));
            }
        }
        return canonical(name);
    }

    /** True when the file name is a kernel module's. */
    public static boolean isModuleFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".ko") || name.endsWith(".ko.xz") || name.endsWith(".ko.zst") || name.endsWith(".ko.gz");
    }

    /** The kernel treats {@code -} and {@code _} in module names alike; webboot writes {@code _}. */
    public static String canonical(String name) {
        return name.replace('-', '_');
    }

    /** The module's ELF image, decompressed when the file is compressed (by its magic number, not its name). */
    public static byte[] image(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            in.mark(8);
            byte[] magic = in.readNBytes(8);
            in.reset();
            Compression compression = KernelPayload.moduleOrKernelCompression(magic, magic.length);
            byte[] image;
            try (InputStream plain = compression.decompress(in)) {
                image = plain.readNBytes(MAX_MODULE + 1);
            } catch (IOException e) {
                throw new MalformedImageException(
                        file.toString(), 0, "corrupt " + compression.cliName() + " data (" + e.getMessage() + ")");
            }
            if (image.length > MAX_MODULE) {
                throw new MalformedImageException(
                        file.toString(), 0, "a module larger than " + MAX_MODULE + " bytes once decompressed");
            }
            return image;
        }
    }

    /** Reads the {@code .modinfo} section of a module file. */
    public static ModuleInfo info(Path file) throws IOException {
        return info(file.toString(), image(file));
    }

    /**
     * Reads the {@code .modinfo} section of a module's ELF image (64-bit, little-endian: x86-64 and arm64).
     *
     * @throws MalformedImageException when the image is not such an ELF file or its section table is inconsistent
     */
    public static ModuleInfo info(String name, byte[] elf) throws MalformedImageException {
        Fields f = new Fields(name, 0, elf);
        f.require(0, 64, "an ELF header");
        if (f.u8(0) != 0x7f || f.u8(1) != 'E' || f.u8(2) != 'L' || f.u8(3) != 'F') {
            throw f.malformed(0, "not a kernel module: no ELF magic");
        }
        if (f.u8(4) != 2) {
            throw f.malformed(4, "a 32-bit ELF file; webboot loads 64-bit kernel modules only");
        }
        if (f.u8(5) != 1) {
            throw f.malformed(5, "a big-endian ELF file; webboot loads little-endian kernel modules only");
        }
        if (f.u16le(16) != 1) {
            throw f.malformed(16, "an ELF file that is not relocatable (type " + f.u16le(16) + "), so not a module");
        }
        long sectionTable = f.s64le(0x28);
        int entrySize = f.u16le(0x3a);
        int count = f.u16le(0x3c);
        int namesIndex = f.u16le(0x3e);
        if (entrySize < 64) {
            throw f.malformed(0x3a, "ELF section headers of " + entrySize + " bytes, fewer than 64");
        }
        if (namesIndex >= count) {
            throw f.malformed(0x3e, "a section-name table index " + namesIndex + " past the " + count + " sections");
        }
        if (sectionTable < 0 || sectionTable > elf.length || (long) entrySize * count > elf.length - sectionTable) {
            throw f.malformed(0x28, "an ELF section table outside the file");
        }
        int table = (int) sectionTable;
        Fields names = section(f, table + namesIndex * entrySize, elf.length);
        for (int i = 0; i < count; i++) {
            int header = table + i * entrySize;
            long nameOffset = f.u32le(header);
            if (nameOffset >= names.length()) {
                throw f.malformed(header, "a section name outside the section-name table");
            }
            if (cString(names, (int) nameOffset, 64).equals(".modinfo")) {
                Fields modinfo = section(f, header, MAX_MODINFO);
                return parseModinfo(modinfo);
            }
        }
        throw f.malformed(table, "a module without a .modinfo section");
    }

    private static Fields section(Fields f, int header, int maxSize) throws MalformedImageException {
        long offset = f.s64le(header + 24);
        long size = f.s64le(header + 32);
        if (size < 0 || size > maxSize) {
            throw f.malformed(header + 32, "a section of " + size + " bytes, more than " + maxSize);
        }
        if (offset < 0 || offset > f.length() || size > f.length() - offset) {
            throw f.malformed(header + 24, "a section outside the file");
        }
        return f.slice((int) offset, (int) size, "section");
    }

    private static ModuleInfo parseModinfo(Fields section) throws MalformedImageException {
        String name = "";
        String vermagic = "";
        String license = "";
        List<String> depends = new ArrayList<>();
        List<String> softdeps = new ArrayList<>();
        int at = 0;
        while (at < section.length()) {
            int end = at;
            while (end < section.length() && section.u8(end) != 0) {
                end++;
            }
            String entry = section.string(at, end - at, StandardCharsets.UTF_8);
            at = end + 1;
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                continue; // padding between entries
            }
            String key = entry.substring(0, eq);
            String value = entry.substring(eq + 1);
            switch (key) {
                case "name" -> name = canonical(value);
                case "vermagic" -> vermagic = value;
                case "license" -> license = value;
                case "softdep" -> {
                    if (softdeps.size() == MAX_DEPENDS) {
                        throw section.malformed(at, "more than " + MAX_DEPENDS + " softdep entries");
                    }
                    softdeps.add(value);
                }
                case "depends" -> {
                    for (String d : value.split(",")) {
                        if (!d.isEmpty()) {
                            if (depends.size() == MAX_DEPENDS) {
                                throw section.malformed(at, "more than " + MAX_DEPENDS + " dependencies");
                            }
                            depends.add(canonical(d));
                        }
                    }
                }
                default -> {
                    // alias=, parm=, srcversion=, ...: not needed to load a module.
                }
            }
        }
        return new ModuleInfo(name, depends, vermagic, license, softdeps);
    }

    private static String cString(Fields f, int at, int max) throws MalformedImageException {
        int end = at;
        while (end < f.length() && end - at < max && f.u8(end) != 0) {
            end++;
        }
        return f.string(at, end - at, StandardCharsets.US_ASCII);
    }
}
