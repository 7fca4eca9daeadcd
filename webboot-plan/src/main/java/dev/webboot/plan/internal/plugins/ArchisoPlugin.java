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
 * {@code archisodevice=} names the device (label and UUID searches are dropped) and {@code copytoram=n} keeps the
 * root from being copied into RAM a second time, unless the entry asks for copytoram; as a file, {@code
 * img_dev=UUID=} and {@code img_loop=}. {@code archisobasedir=} is kept or supplied.
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
            // archiso's copytoram defaults to "auto": it copies airootfs.sfs into a tmpfs unless the device is
            // /dev/sr*, and on pmem the ISO is in RAM already, so the root would be held twice.
            if (!asksForCopyToRam(original)) {
                cmdline = cmdline.replacing("copytoram=n");
            }
        }
        // mkinitcpio's block hook has carried drivers/nvdimm since 2020, so the patch is empty unless the initrd
        // really lacks them.
        return entry.withCmdline(cmdline).withPatch(Plugins.pmemPatch(image, entry, InitramfsFamily.MKINITCPIO));
    }

    /**
     * Whether the entry asks for copytoram as archiso reads it: mkinitcpio's {@code parse_cmdline} stores a bare
     * {@code copytoram} (or an empty value) as {@code y}, unquoted, and its {@code getarg} takes the last occurrence.
     */
    static boolean asksForCopyToRam(KernelCommandLine cmdline) {
        String value = "auto";
        // parse_cmdline reads all of /proc/cmdline, past a "--" too.
        for (String parameter : cmdline.parameters()) {
            if (KernelCommandLine.keyOf(parameter).equals("copytoram")) {
                String raw =
                        parameter.length() > "copytoram=".length() ? parameter.substring("copytoram=".length()) : "";
                if (raw.length() >= 2
                        && (raw.startsWith("\"") || raw.startsWith("'"))
                        && raw.endsWith(raw.substring(0, 1))) {
                    raw = raw.substring(1, raw.length() - 1);
                }
                value = raw.isEmpty() ? "y" : raw;
            }
        }
        return value.equals("y");
    }
}
