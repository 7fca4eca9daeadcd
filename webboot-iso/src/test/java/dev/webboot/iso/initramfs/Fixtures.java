package dev.webboot.iso.initramfs;

import static dev.webboot.testing.ExternalTools.require;
import static dev.webboot.testing.ExternalTools.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;

/** Builds trees and initrds with the real tools: GNU cpio and each compressor's command-line program. */
final class Fixtures {
    private Fixtures() {}

    /** Quotes for sh. */
    static String q(Object value) {
        return "'" + value.toString().replace("'", "'\\''") + "'";
    }

    /** {@code cd dir && find . | sort | cpio -o -H format > out}, GNU cpio's way of writing an archive. */
    static void cpio(Path dir, String format, Path out) {
        require("cpio", "cpio");
        run(dir, "sh", "-c", "find . | LC_ALL=C sort | cpio --quiet -o -H " + format + " > " + q(out));
    }

    /** The command that compresses stdin to stdout with the real tool, as mkinitramfs calls it. */
    static String compressor(Compression compression) {
        return switch (compression) {
            case NONE -> "cat";
            case GZIP -> "gzip -c -n";
            case BZIP2 -> "bzip2 -c";
            case LZMA -> "lzma -c";
            case XZ -> "xz -c --check=crc32";
            case LZO -> "lzop -c";
            case LZ4 -> "lz4 -l -c -q";
            case ZSTD -> "zstd -c -q";
        };
    }

    static String tool(Compression compression) {
        return switch (compression) {
            case NONE -> "cat";
            case GZIP -> "gzip";
            case BZIP2 -> "bzip2";
            case LZMA -> "lzma";
            case XZ -> "xz";
            case LZO -> "lzop";
            case LZ4 -> "lz4";
            case ZSTD -> "zstd";
        };
    }

    static String debianPackage(Compression compression) {
        return switch (compression) {
            case LZMA, XZ -> "xz-utils";
            case LZ4 -> "lz4";
            case LZO -> "lzop";
            case ZSTD -> "zstd";
            case BZIP2 -> "bzip2";
            default -> "coreutils";
        };
    }

    /** Compresses {@code in} to {@code out} with the real tool. */
    static void compress(Compression compression, Path in, Path out) {
        require(tool(compression), debianPackage(compression));
        run(in.getParent(), "sh", "-c", compressor(compression) + " < " + q(in) + " > " + q(out));
    }

    /** The tool's decompression of {@code in} to {@code out}. */
    static void decompress(Compression compression, Path in, Path out) {
        String command =
                switch (compression) {
                    case NONE -> "cat";
                    case GZIP -> "gzip -dc";
                    case XZ -> "xz -dc";
                    case ZSTD -> "zstd -dc -q";
                    default -> throw new IllegalArgumentException(compression.toString());
                };
        run(in.getParent(), "sh", "-c", command + " < " + q(in) + " > " + q(out));
    }

    /** GNU cpio extracts {@code archive} (uncompressed) into {@code dir}, later files replacing earlier ones. */
    static void extract(Path archive, Path dir) throws IOException {
        Files.createDirectories(dir);
        run(dir, "sh", "-c", "cpio --quiet -idmu --no-absolute-filenames < " + q(archive));
    }

    /** The early-microcode archive Debian prepends: kernel/x86/microcode/GenuineIntel.bin. */
    static Path microcodeTree(Path dir, long seed) throws IOException {
        Path micro = dir.resolve("kernel/x86/microcode");
        Files.createDirectories(micro);
        Files.write(micro.resolve("GenuineIntel.bin"), randomBytes(new Random(seed), 40_000, false));
        return dir;
    }

    /**
     * A main initramfs tree: empty, small, large and compressible files, nested directories, relative and absolute
     * symlinks (a {@code lib -> usr/lib} one among them), a hard-linked pair, a fifo, a character device, setuid and
     * odd modes, names with spaces and non-ASCII characters.
     */
    static Path mainTree(Path dir, long seed) throws IOException {
        Random random = new Random(seed);
        Files.createDirectories(dir.resolve("usr/lib/modules/6.1.0/kernel/drivers/nvdimm"));
        Files.createDirectories(dir.resolve("scripts/init-top"));
        Files.createDirectories(dir.resolve("dev"));
        Files.createDirectories(dir.resolve("etc/with space"));
        Files.createSymbolicLink(dir.resolve("lib"), Path.of("usr/lib"));
        Files.createSymbolicLink(dir.resolve("bin"), Path.of("/usr/bin"));
        Files.createDirectories(dir.resolve("usr/bin"));
        Files.write(dir.resolve("init"), "#!/bin/sh\necho hello\n".getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(dir.resolve("init"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.write(dir.resolve("empty"), new byte[0]);
        Files.write(
                dir.resolve("usr/lib/modules/6.1.0/kernel/drivers/nvdimm/nd_pmem.ko"),
                randomBytes(random, 300_000, false));
        Files.write(dir.resolve("usr/lib/modules/6.1.0/modules.dep"), randomBytes(random, 200_000, true));
        Files.write(dir.resolve("etc/with space/ünïcødé name.conf"), "x=1\n".getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("usr/bin/busybox"), randomBytes(random, 1_200_000, true));
        Files.createLink(dir.resolve("usr/bin/sh"), dir.resolve("usr/bin/busybox"));
        Files.write(dir.resolve("scripts/init-top/hook"), randomBytes(random, 3, false));
        Files.setPosixFilePermissions(
                dir.resolve("scripts/init-top/hook"), PosixFilePermissions.fromString("rwx------"));
        Files.write(dir.resolve("usr/bin/suid"), randomBytes(random, 5, false));
        Files.setAttribute(dir.resolve("usr/bin/suid"), "unix:mode", 04755);
        run(dir, "mkfifo", "dev/fifo");
        run(dir, "mknod", "dev/console", "c", "5", "1");
        for (Path p : new Path[] {dir.resolve("init"), dir.resolve("empty")}) {
            Files.setLastModifiedTime(p, FileTime.fromMillis(1_600_000_000_000L));
        }
        return dir;
    }

    /** Random bytes; compressible ones repeat words so that every codec has something to do. */
    static byte[] randomBytes(Random random, int length, boolean compressible) {
        byte[] bytes = new byte[length];
        if (!compressible) {
            random.nextBytes(bytes);
            return bytes;
        }
        String[] words = {"module ", "kernel/", "drivers ", "nvdimm ", "pmem.ko\n", "depends: "};
        int at = 0;
        while (at < length) {
            byte[] word = words[random.nextInt(words.length)].getBytes(StandardCharsets.US_ASCII);
            int n = Math.min(word.length, length - at);
            System.arraycopy(word, 0, bytes, at, n);
            at += n;
        }
        return bytes;
    }

    /** Concatenates files with {@code padding} zero bytes after each but the last. */
    static void concatenate(Path out, int padding, Path... parts) throws IOException {
        try (OutputStream o = Files.newOutputStream(out)) {
            for (int i = 0; i < parts.length; i++) {
                Files.copy(parts[i], o);
                if (i < parts.length - 1) {
                    o.write(new byte[padding]);
                }
            }
        }
    }
}
