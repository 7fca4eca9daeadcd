package dev.webboot.plan.internal.plugins;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.DistroPlugin;
import dev.webboot.api.plan.InitramfsFamily;
import dev.webboot.api.plan.KernelCommandLine;
import java.io.IOException;

/**
 * Arch Linux and SystemRescue (archiso): {@code /arch/boot} or {@code /sysresccd/boot}. On pmem,
 * {@code archisodevice=} names the device (label and UUID searches are dropped); as a file, {@code img_dev=UUID=}
 * and {@code img_loop=}. {@code archisobasedir=} is kept or supplied.
 */
public final class ArchisoPlugin implements DistroPlugin {
    @Override
    public String family() {
        return "archiso";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public boolean recognizes(BootImage image) throws IOException {
        return Plugins.isDirectory(image, "/arch/boot") || Plugins.isDirectory(image, "/sysresccd/boot");
    }

    @Override
    public BootEntry adapt(BootEntry entry, BootImage image, BootMedium medium) throws IOException {
        KernelCommandLine original = entry.parsedCmdline();
        String basedir =
                original.value("archisobasedir").orElse(Plugins.isDirectory(image, "/arch") ? "arch" : "sysresccd");
        KernelCommandLine cmdline = original.without("archisodevice")
                .without("archisolabel")
                .without("archisosearchuuid")
                .without("archisosearchfilename")
                .without("img_dev")
                .without("img_loop")
                .replacing("archisobasedir=" + basedir);
        if (medium instanceof BootMedium.IsoFile file) {
            cmdline = cmdline.with("img_dev=UUID=" + file.filesystemUuid()).with("img_loop=" + file.isoPath());
        } else if (medium instanceof BootMedium.Pmem pmem) {
            cmdline = cmdline.with("archisodevice=" + pmem.device());
        }
        // mkinitcpio's block hook has carried drivers/nvdimm since 2020, so the patch is empty unless the initrd
        // really lacks them.
        return entry.withCmdline(cmdline).withPatch(Plugins.pmemPatch(image, entry, InitramfsFamily.MKINITCPIO));
    }
}
