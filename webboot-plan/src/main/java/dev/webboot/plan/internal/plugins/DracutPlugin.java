package dev.webboot.plan.internal.plugins;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.DistroPlugin;
import java.io.IOException;

/**
 * Fedora live (39-41: {@code /images/pxeboot}; 42 and later: {@code /boot/x86_64/loader}), CentOS, Rocky and Alma
 * live: {@code /LiveOS/squashfs.img} found by dracut's dmsquash-live through {@code root=live:CDLABEL=}. That label
 * scan finds the ISO on pmem as it is; as a file, {@code iso-scan/filename=} is added.
 */
public final class DracutPlugin implements DistroPlugin {
    @Override
    public String family() {
        return "dracut";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public boolean recognizes(BootImage image) throws IOException {
        return Plugins.exists(image, "/LiveOS/squashfs.img")
                && (Plugins.exists(image, "/images/pxeboot") || Plugins.exists(image, "/boot/x86_64/loader"));
    }

    @Override
    public BootEntry adapt(BootEntry entry, BootImage image, BootMedium medium) throws IOException {
        return DracutLive.adapt(entry, image, medium);
    }
}
