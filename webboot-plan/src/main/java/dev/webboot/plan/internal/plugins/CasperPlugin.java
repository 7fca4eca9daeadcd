package dev.webboot.plan.internal.plugins;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.DistroPlugin;
import dev.webboot.api.plan.InitramfsFamily;
import dev.webboot.api.plan.KernelCommandLine;
import java.io.IOException;

/**
 * Ubuntu and Linux Mint (casper): {@code /casper}. The ISO as a file is {@code iso-scan/filename=}; on pmem,
 * {@code live-media=} names the device. Everything else the entry says (Ubuntu 24.04's {@code layerfs-path=}) stays.
 */
public final class CasperPlugin implements DistroPlugin {
    @Override
    public String family() {
        return "casper";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public boolean recognizes(BootImage image) throws IOException {
        return Plugins.isDirectory(image, "/casper");
    }

    @Override
    public BootEntry adapt(BootEntry entry, BootImage image, BootMedium medium) throws IOException {
        KernelCommandLine cmdline =
                entry.parsedCmdline().without("iso-scan/filename").without("live-media");
        if (!cmdline.has("boot")) {
            cmdline = cmdline.with("boot=casper");
        }
        if (medium instanceof BootMedium.IsoFile file) {
            cmdline = cmdline.with("iso-scan/filename=" + file.isoPath());
        } else if (medium instanceof BootMedium.Pmem pmem) {
            cmdline = cmdline.with("live-media=" + pmem.device());
        }
        // Ubuntu's initramfs-tools carries the nvdimm drivers since 22.10 (backported to 22.04), so current releases
        // need no patch; older ones lack them, and casper runs from initramfs-tools' /init.
        return entry.withCmdline(cmdline).withPatch(Plugins.pmemPatch(image, entry, InitramfsFamily.INITRAMFS_TOOLS));
    }
}
