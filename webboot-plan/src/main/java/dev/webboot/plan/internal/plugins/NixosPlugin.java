package dev.webboot.plan.internal.plugins;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.DistroPlugin;
import dev.webboot.api.plan.KernelCommandLine;
import java.io.IOException;
import java.util.Optional;

/**
 * NixOS: {@code /nix-store.squashfs}, booted with {@code root=LABEL=<volume id>} and a per-build {@code init=}
 * (taken from the config as written). As a file, {@code findiso=}.
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
        return entry.withCmdline(cmdline).withPatch(Optional.empty());
    }
}
