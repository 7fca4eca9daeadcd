package dev.webboot.plan.internal.plugins;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.DistroPlugin;
import java.io.IOException;

/**
 * openSUSE and SUSE live images built by kiwi: {@code /boot/x86_64/loader/{linux,initrd}} and a volume label naming
 * the product. kiwi's live initrd is dracut's dmsquash-live, so the medium is handled exactly as for Fedora. Fedora
 * 42 is built by kiwi too and has the same layout; the label tells them apart.
 */
public final class KiwiPlugin implements DistroPlugin {
    private static final java.util.regex.Pattern SUSE_LABEL =
            java.util.regex.Pattern.compile("^(?i)(opensuse|sle|suse|geckolinux)");

    @Override
    public String family() {
        return "kiwi";
    }

    @Override
    public int priority() {
        return 1;
    }

    @Override
    public boolean recognizes(BootImage image) throws IOException {
        return Plugins.exists(image, "/boot/x86_64/loader/linux")
                && SUSE_LABEL.matcher(image.label()).find();
    }

    @Override
    public BootEntry adapt(BootEntry entry, BootImage image, BootMedium medium) throws IOException {
        return DracutLive.adapt(entry, image, medium);
    }
}
