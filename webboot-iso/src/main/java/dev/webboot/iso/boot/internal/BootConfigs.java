package dev.webboot.iso.boot.internal;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.iso.boot.NoBootEntryException;
import dev.webboot.iso.boot.bls.BlsConfig;
import dev.webboot.iso.boot.grub.GrubConfig;
import dev.webboot.iso.boot.syslinux.SyslinuxConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which boot configuration wins when an image has several. The first file in this order that exists and describes at
 * least one Linux entry is used:
 *
 * <ol>
 *   <li>for an ISO booted as a file: {@code /boot/grub/loopback.cfg}, run with {@code iso_path} set (its contract);
 *   <li>UEFI GRUB: {@code /EFI/BOOT/grub.cfg} (what a modern machine boots; Fedora keeps its real menu there);
 *   <li>GRUB: {@code /boot/grub/grub.cfg}, {@code /boot/grub2/grub.cfg};
 *   <li>isolinux/syslinux/extlinux: {@code /isolinux/isolinux.cfg}, {@code /boot/isolinux/isolinux.cfg},
 *       {@code /isolinux.cfg}, {@code /syslinux/syslinux.cfg}, {@code /boot/syslinux/syslinux.cfg},
 *       {@code /syslinux.cfg}, {@code /extlinux/extlinux.conf}, {@code /boot/extlinux/extlinux.conf};
 *   <li>BLS: {@code /loader/entries/*.conf}.
 * </ol>
 *
 * A GRUB config is preferred over isolinux because distributions that ship both describe the same entries in both,
 * and the GRUB one is the maintained, UEFI one (Ubuntu dropped isolinux entirely). A malformed config that would have
 * won is an error, not a reason to fall through: a silent fallback would boot something the user did not see.
 */
public final class BootConfigs {
    private BootConfigs() {}

    /** The entries and the file they came from. */
    public record Found(String source, List<BootEntry> entries) {
        public Found {
            entries = List.copyOf(entries);
        }
    }

    static final List<String> GRUB = List.of("/EFI/BOOT/grub.cfg", "/boot/grub/grub.cfg", "/boot/grub2/grub.cfg");
    static final List<String> SYSLINUX = List.of(
            "/isolinux/isolinux.cfg",
            "/boot/isolinux/isolinux.cfg",
            "/isolinux.cfg",
            "/syslinux/syslinux.cfg",
            "/boot/syslinux/syslinux.cfg",
            "/syslinux.cfg",
            "/extlinux/extlinux.conf",
            "/boot/extlinux/extlinux.conf");

    public static Found read(BootImage image, BootMedium medium) throws IOException {
        if (medium instanceof BootMedium.IsoFile file && isFile(image, "/boot/grub/loopback.cfg")) {
            List<BootEntry> entries = GrubConfig.readLoopback(image, "/boot/grub/loopback.cfg", file);
            if (!entries.isEmpty()) {
                return new Found("/boot/grub/loopback.cfg", entries);
            }
        }
        for (String config : GRUB) {
            if (isFile(image, config)) {
                List<BootEntry> entries = GrubConfig.read(image, config);
                if (!entries.isEmpty()) {
                    return new Found(config, entries);
                }
            }
        }
        for (String config : SYSLINUX) {
            if (isFile(image, config)) {
                List<BootEntry> entries = SyslinuxConfig.read(image, config);
                if (!entries.isEmpty()) {
                    return new Found(config, entries);
                }
            }
        }
        List<BootEntry> bls = BlsConfig.read(image);
        if (!bls.isEmpty()) {
            return new Found("/loader/entries", bls);
        }
        throw new NoBootEntryException("no GRUB, isolinux or BLS configuration in the image describes a Linux entry");
    }

    private static boolean isFile(BootImage image, String path) throws IOException {
        Optional<Path> found = ImagePaths.find(image.root(), path);
        return found.isPresent() && Files.isRegularFile(found.get());
    }
}
