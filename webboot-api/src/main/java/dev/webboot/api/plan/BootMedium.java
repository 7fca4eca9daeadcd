package dev.webboot.api.plan;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Where the distribution's initramfs must find the ISO after kexec. */
public sealed interface BootMedium {

    /** The default pmem device the ISO is written to. */
    String DEFAULT_DEVICE = "/dev/pmem0";

    /** The ISO's bytes are the whole block device {@code device} (a RAM-backed pmem device). */
    record Pmem(String device) implements BootMedium {
        public Pmem {
            Objects.requireNonNull(device, "device");
        }
    }

    /**
     * The ISO is the file {@code isoPath} on a file system whose UUID (as blkid prints it) is {@code filesystemUuid}.
     * The path goes into one kernel parameter ({@code iso-scan/filename=}, {@code findiso=}, {@code img_loop=}), so
     * it must be absolute and hold no byte the kernel or the initramfs would split it at ({@link #checkPath}).
     */
    record IsoFile(String isoPath, String filesystemUuid) implements BootMedium {
        public IsoFile {
            Objects.requireNonNull(isoPath, "isoPath");
            Objects.requireNonNull(filesystemUuid, "filesystemUuid");
            checkPath(isoPath);
        }

        /**
         * Refuses a path that cannot be one kernel parameter's value. Quoting does not help: the kernel's own parser
         * ({@code next_arg} in lib/cmdline.c) would keep {@code findiso="/isos/x y.iso"} whole, but the initramfs
         * scripts read {@code /proc/cmdline} themselves and split it on white space (casper's
         * {@code for x in $(cat /proc/cmdline)}), so a quoted path reaches them in two pieces, quote marks included.
         * The bytes refused are those the kernel's {@code isspace} matches in the path's UTF-8 (tab to carriage
         * return, space, and 0xA0, which is a continuation byte of characters such as {@code à}), and the double
         * quote, which the kernel treats as quoting.
         *
         * @param isoPath the ISO's path on its file system
         * @throws IllegalArgumentException with one sentence naming the path and what is wrong with it
         */
        public static void checkPath(String isoPath) {
            if (!isoPath.startsWith("/")) {
                throw new IllegalArgumentException("the ISO path must be absolute: " + isoPath);
            }
            byte[] bytes = isoPath.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i++) {
                int b = bytes[i] & 0xff;
                if (b == '"' || b == ' ' || (b >= 0x09 && b <= 0x0d) || b == 0xa0) {
                    throw new IllegalArgumentException("the ISO path " + quoted(isoPath) + " holds "
                            + (b == '"' ? "a double quote" : b == 0xa0 ? "the byte 0xA0" : "white space")
                            + " (byte " + i + "), which would split the kernel parameter that names it;"
                            + " rename the file or move it to a path without it");
                }
            }
        }

        private static String quoted(String path) {
            StringBuilder out = new StringBuilder("'");
            path.codePoints().forEach(c -> {
                if (c < 0x20 || c == 0x7f) {
                    out.append(String.format("\\x%02x", c));
                } else {
                    out.appendCodePoint(c);
                }
            });
            return out.append('\'').toString();
        }
    }

    /** The ISO on {@value #DEFAULT_DEVICE}. */
    static BootMedium pmem() {
        return new Pmem(DEFAULT_DEVICE);
    }
}
