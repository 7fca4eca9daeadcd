package dev.webboot.plan.grub;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.plan.grub.internal.GrubEntry;
import dev.webboot.plan.grub.internal.GrubInterpreter;
import dev.webboot.plan.grub.internal.GrubWorld;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a GRUB 2 configuration inside an image by interpreting it: the image answers {@code search}, {@code probe} and
 * file tests; every menu entry (submenus flattened, titles joined with {@code " > "}) is selected in turn to learn its
 * kernel, initrds and command line. Entries that load no Linux kernel (chainloader, memtest, reboot) are left out.
 */
public final class GrubConfig {
    private GrubConfig() {}

    /**
     * Interprets {@code configPath} as the image's own GRUB would when booted from the image itself.
     *
     * @throws java.nio.file.NoSuchFileException when the config does not exist
     * @throws dev.webboot.iso.MalformedImageException when it cannot be parsed, sources itself, or exceeds a limit
     */
    public static List<BootEntry> read(BootImage image, String configPath) throws IOException {
        GrubWorld world =
                new GrubWorld(image.root(), "cd0", image.label(), image.uuid(), Optional.empty(), Optional.empty());
        return entries(GrubInterpreter.run(world, configPath, Map.of()));
    }

    /**
     * Interprets a {@code loopback.cfg} by its contract: {@code iso_path} set to the ISO's path on the host file
     * system, {@code root} the loop device holding the image; {@code search --file $iso_path} finds the host file
     * system, whose UUID {@code probe --fs-uuid} answers.
     */
    public static List<BootEntry> readLoopback(BootImage image, String configPath, BootMedium.IsoFile iso)
            throws IOException {
        GrubWorld world = new GrubWorld(
                image.root(),
                "loop",
                image.label(),
                image.uuid(),
                Optional.of(iso.isoPath()),
                Optional.of(iso.filesystemUuid()));
        Map<String, String> presets = new LinkedHashMap<>();
        presets.put("iso_path", iso.isoPath());
        presets.put("root", "loop");
        return entries(GrubInterpreter.run(world, configPath, presets));
    }

    private static List<BootEntry> entries(GrubInterpreter.Result result) {
        List<String> defaultPath = List.of((result.defaultEntry().isEmpty() ? "0" : result.defaultEntry()).split(">"));
        List<BootEntry> out = new ArrayList<>();
        for (GrubEntry entry : result.entries()) {
            if (!isLinux(entry.kernel())) {
                continue;
            }
            out.add(BootEntry.of(
                    String.join(" > ", entry.titles()),
                    entry.kernel(),
                    entry.initrds(),
                    entry.cmdline(),
                    matchesDefault(entry, defaultPath)));
        }
        return out;
    }

    /** Memtest and syslinux modules are loaded with {@code linux} too, but are not Linux kernels. */
    static boolean isLinux(String kernel) {
        if (kernel.isEmpty()) {
            return false;
        }
        String name = kernel.substring(kernel.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        // Not ".efi": Ubuntu 16.04 booted /casper/vmlinuz.efi, a bzImage with an EFI stub. The planner checks the
        // bzImage header of every kernel anyway.
        return !name.contains("memtest") && !name.endsWith(".bin") && !name.endsWith(".c32");
    }

    /** GRUB's {@code default}: a number, a title or an id at each level, levels separated by {@code >}. */
    private static boolean matchesDefault(GrubEntry entry, List<String> path) {
        for (int level = 0; level < entry.titles().size(); level++) {
            if (level >= path.size()) {
                // The default names a submenu: its first entry is booted.
                if (entry.indexes().get(level) != 0) {
                    return false;
                }
                continue;
            }
            String wanted = path.get(level).strip();
            boolean matches = wanted.equals(String.valueOf(entry.indexes().get(level)))
                    || wanted.equals(entry.titles().get(level))
                    || (!entry.ids().get(level).isEmpty()
                            && wanted.equals(entry.ids().get(level)));
            if (!matches) {
                return false;
            }
        }
        return path.size() <= entry.titles().size();
    }
}
