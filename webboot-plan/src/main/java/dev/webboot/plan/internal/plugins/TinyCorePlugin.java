package dev.webboot.plan.internal.plugins;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.DistroPlugin;
import dev.webboot.api.plan.KernelCommandLine;
import java.io.IOException;
import java.util.Optional;

/**
 * TinyCore and CorePlus: {@code /boot/core*.gz}, extensions under {@code /cde}. {@code cde} makes it scan devices for
 * the extensions (on pmem: the device); as a file, {@code iso=UUID=<uuid>/path}. Its stock kernel lacks pmem support,
 * which no initrd patch can add.
 */
public final class TinyCorePlugin implements DistroPlugin {
    @Override
    public String family() {
        return "tinycore";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public boolean recognizes(BootImage image) throws IOException {
        return Plugins.exists(image, "/boot/corepure64.gz")
                || Plugins.exists(image, "/boot/core.gz")
                || (Plugins.exists(image, "/boot/vmlinuz64") && Plugins.isDirectory(image, "/cde"));
    }

    @Override
    public BootEntry adapt(BootEntry entry, BootImage image, BootMedium medium) throws IOException {
        KernelCommandLine cmdline =
                entry.parsedCmdline().without("iso").without("cde").with("cde");
        if (medium instanceof BootMedium.IsoFile file) {
            cmdline = cmdline.with("iso=UUID=" + file.filesystemUuid() + file.isoPath());
        }
        // TinyCore's stock kernel has no pmem driver at all (not even as a module): nothing to patch with.
        return entry.withCmdline(cmdline).withPatch(Optional.empty());
    }
}
