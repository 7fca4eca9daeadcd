package dev.webboot.plan.internal;

import dev.webboot.api.plan.DriverPatch;
import dev.webboot.api.plan.InitramfsFamily;
import dev.webboot.iso.ImageSources;
import dev.webboot.iso.initramfs.Initramfs;
import dev.webboot.kexec.ModuleIndex;
import dev.webboot.plan.LiveRootFileSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which pmem drivers a live system's kernel lacks, from the {@code modules.builtin} of its root file system
 * (the squashfs inside the ISO, or in Fedora's classic layout the ext4 {@code LiveOS/rootfs.img} inside that squashfs):
 * a driver built into the kernel needs no module in the initrd. When the root file system cannot be read this way (an
 * unknown format, no modules directory), every driver is assumed missing: the patch's hook skips drivers that turn out
 * to be loaded already. The lookup is {@link LiveRootFileSystem}'s, shared with the driver injection.
 */
public final class PmemSupport {
    private static final Logger LOG = LoggerFactory.getLogger(PmemSupport.class);
    private static final int REMEMBERED_INITRDS = 8;
    private static final java.util.Map<Path, Set<String>> RECENT_INITRDS =
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<Path, Set<String>> eldest) {
                    return size() > REMEMBERED_INITRDS;
                }
            };

    private PmemSupport() {}

    /**
     * The patch for a kernel: the pmem modules it does not have built in, or none when all are built in.
     *
     * @param rootFilesystem the image holding the live root file system (a squashfs, possibly holding an ext4
     *     {@code LiveOS/rootfs.img}), if the ISO has one
     * @param kernelVersion the kernel's version from its bzImage header ({@code ""} when unknown)
     */
    public static Optional<DriverPatch> patch(
            Optional<Path> rootFilesystem, String kernelVersion, InitramfsFamily hook) {
        Optional<DriverPatch> full = Optional.of(new DriverPatch(DriverPatch.PMEM_MODULES, kernelVersion, hook));
        if (rootFilesystem.isEmpty() || !Files.isRegularFile(rootFilesystem.get())) {
            return full;
        }
        Path image = rootFilesystem.get();
        // LiveRootFileSystem steps into Fedora's LiveOS/rootfs.img (ext4) when the squashfs holds one.
        try (LiveRootFileSystem fs = LiveRootFileSystem.open(image)) {
            Optional<Path> modules = fs.modulesDirectory(kernelVersion);
            if (modules.isEmpty()) {
                return full;
            }
            String version = modules.get().getFileName().toString();
            Set<String> builtin = ModuleIndex.builtinModules(modules.get());
            List<String> missing = new ArrayList<>();
            for (String module : DriverPatch.PMEM_MODULES) {
                if (!builtin.contains(module)) {
                    missing.add(module);
                }
            }
            return missing.isEmpty() ? Optional.empty() : Optional.of(new DriverPatch(missing, version, hook));
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read the modules of {}: {}", image, e.toString());
            return full;
        }
    }

    /**
     * The patch without the drivers that the entry's own initrds already carry ({@code .../drivers/nvdimm/NAME.ko},
     * compressed or not): Ubuntu's initramfs-tools has shipped them since 22.04, dracut ships some. Empty when the
     * initrds hold every driver the patch named. An initrd that cannot be read leaves the patch as it is: the hook
     * skips drivers that turn out to be loaded.
     */
    public static Optional<DriverPatch> withoutDriversIn(Optional<DriverPatch> patch, List<Path> initrds) {
        if (patch.isEmpty()) {
            return patch;
        }
        Set<String> present = new HashSet<>();
        for (Path initrd : initrds) {
            try {
                present.addAll(nvdimmModulesIn(initrd));
            } catch (IOException | RuntimeException e) {
                LOG.debug("cannot read the initrd {}: {}", initrd, e.toString());
                return patch;
            }
        }
        List<String> missing = new ArrayList<>();
        for (String module : patch.get().modules()) {
            if (!present.contains(module)) {
                missing.add(module);
            }
        }
        return missing.isEmpty()
                ? Optional.empty()
                : Optional.of(new DriverPatch(
                        missing, patch.get().kernelVersion(), patch.get().hook()));
    }

    /**
     * The nvdimm modules an initrd holds. Every entry of a menu usually names the same initrd, and reading one means
     * decompressing all of it, so the answer for the last few initrds inside images is kept (images never change; a
     * path of an image file system is equal only to paths of that same file system). Files elsewhere are read each time.
     */
    private static Set<String> nvdimmModulesIn(Path initrd) throws IOException {
        synchronized (RECENT_INITRDS) {
            Set<String> known = RECENT_INITRDS.get(initrd);
            if (known != null) {
                return known;
            }
        }
        Set<String> modules = new HashSet<>();
        try (Initramfs archive = Initramfs.open(ImageSources.of(Files.newByteChannel(initrd), initrd.toString()))) {
            for (String path : archive.paths()) {
                nvdimmModuleName(path).ifPresent(modules::add);
            }
        }
        Set<String> answer = Set.copyOf(modules);
        if (initrd.getFileSystem() instanceof dev.webboot.iso.ImageFileSystem) {
            synchronized (RECENT_INITRDS) {
                RECENT_INITRDS.put(initrd, answer);
            }
        }
        return answer;
    }

    /** {@code nd_pmem} for {@code /usr/lib/modules/6.1.0/kernel/drivers/nvdimm/nd_pmem.ko.zst}. */
    static Optional<String> nvdimmModuleName(String path) {
        int at = path.lastIndexOf("/drivers/nvdimm/");
        if (at < 0) {
            return Optional.empty();
        }
        String name = path.substring(at + "/drivers/nvdimm/".length());
        for (String suffix : List.of(".ko", ".ko.xz", ".ko.zst", ".ko.gz")) {
            if (name.endsWith(suffix) && name.indexOf('/') < 0) {
                return Optional.of(
                        name.substring(0, name.length() - suffix.length()).replace('-', '_'));
            }
        }
        return Optional.empty();
    }
}
