package dev.webboot.plan.internal.plugins;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.api.plan.DriverPatch;
import dev.webboot.api.plan.InitramfsFamily;
import dev.webboot.plan.LiveRootFileSystem;
import dev.webboot.plan.internal.ImagePaths;
import dev.webboot.plan.internal.KernelImages;
import dev.webboot.plan.internal.PmemSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Small helpers the built-in plugins share. */
final class Plugins {
    private Plugins() {}

    static boolean exists(BootImage image, String path) throws IOException {
        return ImagePaths.find(image.root(), path).isPresent();
    }

    static boolean isDirectory(BootImage image, String path) throws IOException {
        Optional<Path> found = ImagePaths.find(image.root(), path);
        return found.isPresent() && Files.isDirectory(found.get());
    }

    /**
     * The pmem drivers {@code entry}'s kernel lacks, loaded by {@code hook}: the kernel version comes from the
     * bzImage header, the built-in drivers from {@code modules.builtin} in the root file system
     * {@code rootFilesystem} (an image path) when it can be read; drivers the entry's own initrds carry are left out.
     */
    static Optional<DriverPatch> pmemPatch(
            BootImage image, BootEntry entry, String rootFilesystem, InitramfsFamily hook) throws IOException {
        Optional<Path> kernel = ImagePaths.find(image.root(), entry.kernel());
        String version = kernel.isPresent() ? KernelImages.version(kernel.get()).orElse("") : "";
        Optional<DriverPatch> patch = PmemSupport.patch(ImagePaths.find(image.root(), rootFilesystem), version, hook);
        java.util.List<Path> initrds = new java.util.ArrayList<>();
        for (String initrd : entry.initrds()) {
            ImagePaths.find(image.root(), initrd).ifPresent(initrds::add);
        }
        return PmemSupport.withoutDriversIn(patch, initrds);
    }

    /**
     * {@link #pmemPatch} with the root file system found among the image's live root candidates (casper's layers,
     * archiso's and miso's {@code .sfs}): for families whose initrd usually carries the pmem drivers already, the patch
     * then names only what the entry's own initrd lacks, and is empty for current releases.
     */
    static Optional<DriverPatch> pmemPatch(BootImage image, BootEntry entry, InitramfsFamily hook) throws IOException {
        List<Path> candidates = LiveRootFileSystem.candidates(image.root());
        String root = candidates.isEmpty() ? "" : candidates.get(0).toString();
        return pmemPatch(image, entry, root, hook);
    }
}
