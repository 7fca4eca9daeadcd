package dev.webboot.plan;

import dev.webboot.api.plan.BootImage;
import dev.webboot.iso.MalformedImageException;
import dev.webboot.plan.grub.GrubConfig;
import dev.webboot.plan.syslinux.SyslinuxConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs one GRUB or syslinux configuration the way the fuzz property and the corpus replay both need. */
final class BootConfigFuzzing {
    private BootConfigFuzzing() {}

    enum Format {
        GRUB("/boot/grub/grub.cfg"),
        SYSLINUX("/isolinux/isolinux.cfg");

        final String path;

        Format(String path) {
            this.path = path;
        }
    }

    /** A tree with the files configs commonly refer to. */
    static BootImage tree(Path root) {
        ImageTrees.write(root, "/k", "kernel");
        ImageTrees.write(root, "/casper/vmlinuz", ImageTrees.kernel("6.8.0-41-generic"));
        ImageTrees.write(root, "/boot/grub/other.cfg", "menuentry other { linux /k other }\n");
        return new BootImage(root, "FUZZ", "2024-01-01-00-00-00-00");
    }

    /**
     * Interprets {@code config}: returns normally when it was accepted, throws {@link MalformedImageException} when
     * refused; any other exception (or error) is a bug the caller reports.
     */
    static void interpret(BootImage image, Format format, byte[] config) throws IOException {
        Path file = image.resolve(format.path);
        Files.createDirectories(file.getParent());
        Files.write(file, config);
        if (format == Format.GRUB) {
            GrubConfig.read(image, format.path).forEach(entry -> {
                if (!entry.kernel().startsWith("/")) {
                    throw new AssertionError("kernel path not absolute: " + entry);
                }
            });
        } else {
            SyslinuxConfig.read(image, format.path).forEach(entry -> {
                if (!entry.kernel().startsWith("/")) {
                    throw new AssertionError("kernel path not absolute: " + entry);
                }
            });
        }
    }
}
