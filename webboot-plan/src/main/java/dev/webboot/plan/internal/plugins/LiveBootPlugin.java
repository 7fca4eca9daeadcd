package dev.webboot.plan.internal.plugins;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.DistroPlugin;
import dev.webboot.api.plan.InitramfsFamily;
import dev.webboot.api.plan.KernelCommandLine;
import java.io.IOException;

/**
 * Debian live, Kali, Tails, LMDE (live-boot): {@code /live}. The ISO as a file is {@code findiso=}; on pmem,
 * {@code live-media=} names the device. Any stock {@code live-media=} (Tails: {@code removable}) is dropped. The
 * initrd lacks the pmem drivers, so the entry carries an initramfs-tools patch.
 */
public final class LiveBootPlugin implements DistroPlugin {
    @Override
    public String family() {
        return "live-boot";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public boolean recognizes(BootImage image) throws IOException {
        return Plugins.isDirectory(image, "/live")
                && (Plugins.exists(image, "/live/filesystem.squashfs") || Plugins.exists(image, "/live/vmlinuz"));
    }

    @Override
    public BootEntry adapt(BootEntry entry, BootImage image, BootMedium medium) throws IOException {
        if (!entry.kernel().startsWith("/live/")) {
            // Debian's ISOs also carry the installer (/install/vmlinuz): it is not live-boot and is left alone.
            return entry;
        }
        // Tails' live-media=removable (and any other live-media) would reject pmem.
        KernelCommandLine cmdline =
                entry.parsedCmdline().without("live-media").without("findiso").without("fromiso");
        if (!cmdline.has("boot")) {
            cmdline = cmdline.with("boot=live");
        }
        if (medium instanceof BootMedium.IsoFile file) {
            cmdline = cmdline.with("findiso=" + file.isoPath());
        } else if (medium instanceof BootMedium.Pmem pmem) {
            cmdline = cmdline.with("live-media=" + pmem.device());
        }
        // Debian's initramfs-tools (0.142) puts no nvdimm driver in the initrd (measured): patch it.
        return entry.withCmdline(cmdline)
                .withPatch(
                        Plugins.pmemPatch(image, entry, "/live/filesystem.squashfs", InitramfsFamily.INITRAMFS_TOOLS));
    }
}
