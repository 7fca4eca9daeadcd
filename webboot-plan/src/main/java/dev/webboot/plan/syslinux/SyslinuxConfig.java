package dev.webboot.plan.syslinux;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.plan.syslinux.internal.SyslinuxReader;
import java.io.IOException;
import java.util.List;

/**
 * Reads an isolinux/syslinux/extlinux configuration: {@code LABEL}s with their {@code KERNEL}/{@code LINUX},
 * {@code APPEND} (whose {@code initrd=a,b} becomes the initrd list), {@code INITRD}, {@code MENU LABEL},
 * {@code MENU DEFAULT} and {@code MENU HIDE}; {@code INCLUDE}, {@code CONFIG} and {@code MENU BEGIN}/{@code MENU END}
 * are followed. Labels that run a module ({@code .c32}, {@code .com}, {@code .bin}) are not Linux entries.
 */
public final class SyslinuxConfig {
    private SyslinuxConfig() {}

    /**
     * The Linux entries of the configuration at {@code configPath}; relative paths are relative to its directory.
     *
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws dev.webboot.iso.MalformedImageException when it includes itself or exceeds a limit
     */
    public static List<BootEntry> read(BootImage image, String configPath) throws IOException {
        return new SyslinuxReader(image.root()).read(configPath);
    }
}
