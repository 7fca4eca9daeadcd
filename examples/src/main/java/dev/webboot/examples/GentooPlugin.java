package dev.webboot.examples;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.DistroPlugin;
import dev.webboot.api.plan.DriverPatch;
import dev.webboot.api.plan.InitramfsFamily;
import dev.webboot.api.plan.KernelCommandLine;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * A third-party distro plugin, as a project outside webboot would write one: Gentoo's live ISOs ({@code /boot/gentoo},
 * {@code /boot/gentoo.igz}, the root file system in {@code /image.squashfs}) boot with dracut's dmsquash-live, given
 * {@code root=live:CDLABEL=<volume id> rd.live.dir=/ rd.live.squashimg=image.squashfs cdroot}.
 *
 * <p>It needs nothing but the {@code webboot-api} SPI and a line in
 * {@code META-INF/services/dev.webboot.api.plan.DistroPlugin}; on the class path next to webboot, {@code webboot plan}
 * picks it up. Its priority is above the built-ins', so it wins even where a built-in would also recognize the image.
 */
public final class GentooPlugin implements DistroPlugin {
    @Override
    public String family() {
        return "gentoo";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public boolean recognizes(BootImage image) throws IOException {
        return Files.isRegularFile(image.resolve("/boot/gentoo"))
                && Files.isRegularFile(image.resolve("/image.squashfs"));
    }

    @Override
    public BootEntry adapt(BootEntry entry, BootImage image, BootMedium medium) throws IOException {
        // The label scan finds the ISO on pmem as it is; the parameters are (re)stated in case the entry lacks them.
        KernelCommandLine cmdline = entry.parsedCmdline()
                .without("iso-scan/filename")
                .replacing("root=live:CDLABEL=" + image.label())
                .replacing("rd.live.dir=/")
                .replacing("rd.live.squashimg=image.squashfs");
        if (!cmdline.has("cdroot")) {
            cmdline = cmdline.with("cdroot");
        }
        if (medium instanceof BootMedium.IsoFile file) {
            cmdline = cmdline.with("iso-scan/filename=" + file.isoPath());
        }
        // Whether Gentoo's generic dracut initrd carries nd_pmem is not known: state the patch; it is harmless where
        // the driver is already there. The kernel version is not read here (a real plugin could parse the bzImage).
        return entry.withCmdline(cmdline)
                .withPatch(Optional.of(new DriverPatch(DriverPatch.PMEM_MODULES, "", InitramfsFamily.DRACUT)));
    }
}
