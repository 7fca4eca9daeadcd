package dev.webboot.plan.internal.plugins;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.DistroPlugin;
import dev.webboot.api.plan.InitramfsFamily;
import dev.webboot.api.plan.KernelCommandLine;
import java.io.IOException;

/**
 * Manjaro (miso, an archiso fork): {@code /manjaro}. On pmem {@code misodevice=}; as a file {@code img_dev=UUID=}
 * and {@code img_loop=}; {@code misobasedir=} kept or supplied.
 */
public final class MisoPlugin implements DistroPlugin {
    @Override
    public String family() {
        return "miso";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public boolean recognizes(BootImage image) throws IOException {
        return Plugins.isDirectory(image, "/manjaro");
    }

    @Override
    public BootEntry adapt(BootEntry entry, BootImage image, BootMedium medium) throws IOException {
        KernelCommandLine original = entry.parsedCmdline();
        String basedir = original.value("misobasedir").orElse("manjaro");
        KernelCommandLine cmdline = original.without("misodevice")
                .without("misolabel")
                .without("img_dev")
                .without("img_loop")
                .replacing("misobasedir=" + basedir);
        if (medium instanceof BootMedium.IsoFile file) {
            cmdline = cmdline.with("img_dev=UUID=" + file.filesystemUuid()).with("img_loop=" + file.isoPath());
        } else if (medium instanceof BootMedium.Pmem pmem) {
            cmdline = cmdline.with("misodevice=" + pmem.device());
        }
        // mkinitcpio's block hook has carried drivers/nvdimm since 2020, so the patch is empty unless the initrd
        // really lacks them.
        return entry.withCmdline(cmdline).withPatch(Plugins.pmemPatch(image, entry, InitramfsFamily.MKINITCPIO));
    }
}
