package dev.webboot.plan.internal.plugins;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.DistroPlugin;
import dev.webboot.api.plan.DriverPatch;
import dev.webboot.api.plan.InitramfsFamily;
import dev.webboot.api.plan.KernelCommandLine;
import java.io.IOException;
import java.util.Optional;

/**
 * NixOS: {@code /nix-store.squashfs}, booted with {@code root=LABEL=<volume id>} and a per-build {@code init=}
 * (taken from the config as written). As a file, {@code findiso=}. On pmem the entry's patch names the nvdimm drivers
 * its initrd lacks, with the {@link InitramfsFamily#NIXOS} family: reported, never injected.
 */
public final class NixosPlugin implements DistroPlugin {
    @Override
    public String family() {
        return "nixos";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public boolean recognizes(BootImage image) throws IOException {
        return Plugins.exists(image, "/nix-store.squashfs");
    }

    @Override
    public BootEntry adapt(BootEntry entry, BootImage image, BootMedium medium) throws IOException {
        KernelCommandLine cmdline = entry.parsedCmdline().without("findiso");
        if (!cmdline.has("root")) {
            cmdline = cmdline.with("root=LABEL=" + image.label());
        }
        if (medium instanceof BootMedium.IsoFile file) {
            cmdline = cmdline.with("findiso=" + file.isoPath());
        }
        // NixOS's udev loads the nvdimm drivers only if its initrd carries them; none can be added (no early hook),
        // so the patch only reports what is missing. The kernel's modules.builtin is not read: NixOS keeps it under
        // /nix/store/HASH-linux-VERSION-modules, not lib/modules, so every driver the initrd lacks is listed.
        Optional<DriverPatch> patch = medium instanceof BootMedium.Pmem
                ? Plugins.pmemPatch(image, entry, "/nix-store.squashfs", InitramfsFamily.NIXOS)
                : Optional.empty();
        return entry.withCmdline(cmdline).withPatch(patch);
    }
}
