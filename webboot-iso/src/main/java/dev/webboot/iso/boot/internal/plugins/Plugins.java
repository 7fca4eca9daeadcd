package dev.webboot.iso.boot.internal.plugins;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.api.plan.DriverPatch;
import dev.webboot.api.plan.InitramfsFamily;
import dev.webboot.iso.boot.internal.ImagePaths;
import dev.webboot.iso.boot.internal.KernelImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** The pmem drivers for {@code entry}'s kernel, loaded by {@code hook}. */
    static Optional<DriverPatch> pmemPatch(BootImage image, BootEntry entry, InitramfsFamily hook) throws IOException {
        Optional<Path> kernel = ImagePaths.find(image.root(), entry.kernel());
        String version = kernel.isPresent() ? KernelImages.version(kernel.get()).orElse("") : "";
        return Optional.of(new DriverPatch(DriverPatch.PMEM_MODULES, version, hook));
    }
}
