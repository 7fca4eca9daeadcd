package dev.webboot.plan.internal.plugins;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.InitramfsFamily;
import dev.webboot.api.plan.KernelCommandLine;
import java.io.IOException;

/** dracut dmsquash-live, shared by the dracut (Fedora and kin) and kiwi (openSUSE) families. */
final class DracutLive {
    private DracutLive() {}

    static BootEntry adapt(BootEntry entry, BootImage image, BootMedium medium) throws IOException {
        KernelCommandLine cmdline = entry.parsedCmdline().without("iso-scan/filename");
        boolean liveRoot =
                cmdline.value("root").map(root -> root.startsWith("live:")).orElse(false);
        if (!liveRoot) {
            cmdline = cmdline.replacing("root=live:CDLABEL=" + image.label());
        }
        if (!cmdline.has("rd.live.image")) {
            cmdline = cmdline.with("rd.live.image");
        }
        if (medium instanceof BootMedium.IsoFile file) {
            cmdline = cmdline.with("iso-scan/filename=" + file.isoPath());
        }
        // Whether a release's initrd carries nd_pmem must be checked per release (Debian's dracut 059 lacks it): the
        // patch is harmless where the driver is already loaded, so it is always stated.
        return entry.withCmdline(cmdline)
                .withPatch(Plugins.pmemPatch(image, entry, "/LiveOS/squashfs.img", InitramfsFamily.DRACUT));
    }
}
