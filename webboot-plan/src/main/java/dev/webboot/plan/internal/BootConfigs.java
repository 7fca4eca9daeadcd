package dev.webboot.plan.internal;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.DroppedEntry;
import dev.webboot.plan.NoBootEntryException;
import dev.webboot.plan.bls.BlsConfig;
import dev.webboot.plan.grub.GrubConfig;
import dev.webboot.plan.syslinux.SyslinuxConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * Entries whose kernel or an initrd is not a file in the image are left out, and a config left without entries does
 * not win. A GRUB config is preferred over isolinux because distributions that ship both describe the same entries in both,
 * and the GRUB one is the maintained, UEFI one (Ubuntu dropped isolinux entirely). A malformed config that would have
 * won is an error, not a reason to fall through: a silent fallback would boot something the user did not see.
 */
public final class BootConfigs {
    private static final Logger LOG = LoggerFactory.getLogger(BootConfigs.class);

    private BootConfigs() {}

    /** The entries, the file they came from, and the entries left out of every configuration read. */
    public record Found(String source, List<BootEntry> entries, List<DroppedEntry> dropped) {
        public Found {
            entries = List.copyOf(entries);
            dropped = List.copyOf(dropped);
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
        List<DroppedEntry> dropped = new ArrayList<>();
        if (medium instanceof BootMedium.IsoFile file && isFile(image, "/boot/grub/loopback.cfg")) {
            List<BootEntry> entries = bootable(
                    image,
                    "/boot/grub/loopback.cfg",
                    GrubConfig.readLoopback(image, "/boot/grub/loopback.cfg", file),
                    dropped);
            if (!entries.isEmpty()) {
                return new Found("/boot/grub/loopback.cfg", entries, dropped);
            }
        }
        for (String config : GRUB) {
            if (isFile(image, config)) {
                List<BootEntry> entries = bootable(image, config, GrubConfig.read(image, config), dropped);
                if (!entries.isEmpty()) {
                    return new Found(config, entries, dropped);
                }
            }
        }
        for (String config : SYSLINUX) {
            if (isFile(image, config)) {
                List<BootEntry> entries = bootable(image, config, SyslinuxConfig.read(image, config), dropped);
                if (!entries.isEmpty()) {
                    return new Found(config, entries, dropped);
                }
            }
        }
        List<BootEntry> bls = bootable(image, "/loader/entries", BlsConfig.read(image), dropped);
        if (!bls.isEmpty()) {
            return new Found("/loader/entries", bls, dropped);
        }
        StringBuilder sentence =
                new StringBuilder("no GRUB, isolinux or BLS configuration in the image describes a Linux entry");
        for (int i = 0; i < dropped.size() && i < 3; i++) {
            DroppedEntry left = dropped.get(i);
            sentence.append(i == 0 ? " (left out: \"" : "; \"")
                    .append(left.title())
                    .append("\" of ")
                    .append(left.configuration())
                    .append(": ")
                    .append(left.reason());
        }
        if (!dropped.isEmpty()) {
            sentence.append(dropped.size() > 3 ? "; and " + (dropped.size() - 3) + " more)" : ")");
        }
        throw new NoBootEntryException(sentence.toString());
    }

    /**
     * The entries whose kernel is an x86 Linux kernel (a bzImage: what kexec can load) and whose initrds are files in
     * the image. A config may describe what is not there (the sample
     * grub.cfg of Debian's grub-rescue CD boots {@code /vmlinuz} from a hard disk): kexec can only load what is.
     */
    static List<BootEntry> bootable(
            BootImage image, String configuration, List<BootEntry> entries, List<DroppedEntry> dropped)
            throws IOException {
        List<BootEntry> out = new ArrayList<>();
        for (BootEntry entry : entries) {
            String missing = isFile(image, entry.kernel()) ? null : entry.kernel();
            if (missing == null) {
                Path kernel = ImagePaths.find(image.root(), entry.kernel()).orElseThrow();
                if (!KernelImages.isBzImage(kernel)) {
                    drop(
                            dropped,
                            configuration,
                            entry,
                            entry.kernel() + " is not an x86 Linux kernel (no bzImage header)");
                    continue;
                }
                // Debian's ipxe.iso boots /ipxe.krn, a 2.07 bzImage without a 64-bit entry: kexec_file_load says
                // EINVAL after the whole download; the header says so now.
                Optional<String> refusal = KernelImages.kexecRefusal(kernel);
                if (refusal.isPresent()) {
                    drop(dropped, configuration, entry, entry.kernel() + " " + refusal.get());
                    continue;
                }
            }
            for (String initrd : entry.initrds()) {
                if (missing == null && !isFile(image, initrd)) {
                    missing = initrd;
                }
            }
            if (missing == null) {
                out.add(entry);
            } else {
                drop(dropped, configuration, entry, missing + " is not in the image");
            }
        }
        return out;
    }

    private static void drop(List<DroppedEntry> dropped, String configuration, BootEntry entry, String reason) {
        LOG.warn("entry \"{}\" of {} left out: {}", entry.title(), configuration, reason);
        dropped.add(new DroppedEntry(configuration, entry.title(), reason));
    }

    private static boolean isFile(BootImage image, String path) throws IOException {
        Optional<Path> found = ImagePaths.find(image.root(), path);
        return found.isPresent() && Files.isRegularFile(found.get());
    }
}
