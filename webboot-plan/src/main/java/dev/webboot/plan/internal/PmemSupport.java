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

    /**
     * Real initrds expand 2–6× (lz4 to xz); a bomb expands thousands of times. Looking for drivers decompresses at
     * most this many times the initrd's size, so a hostile image costs the planner little per entry.
     */
    static final long MAX_EXPANSION = 64;

    /** And never more than this, whatever the initrd's size (the biggest real ones expand to a few hundred MiB). */
    static final long MAX_SCANNED_BYTES = 1L << 30;

    /**
     * What one plan may decompress in all, looking into its entries' initrds: a menu of many entries each naming its
     * own big initrd would otherwise cost the sum of them. The planner looks at the default entry first, so it is the
     * one that has the whole budget.
     */
    public static final long PLAN_SCAN_BUDGET = 2L << 30;

    /** What the plan running on this thread may still decompress; absent outside {@link #withinBudget}. */
    private static final ThreadLocal<long[]> PLAN_BUDGET = new ThreadLocal<>();

    /** What running {@link #withinBudget} computes. */
    @FunctionalInterface
    public interface Planning<T> {
        /**
         * Plans.
         *
         * @return the plan
         * @throws IOException when planning fails
         */
        T run() throws IOException;
    }

    /**
     * Runs {@code planning} with {@link #PLAN_SCAN_BUDGET} for all initrds it looks into; an initrd met once the
     * budget is spent is not read (the patch keeps every driver), with a warning.
     *
     * @param planning what to run
     * @param <T> what it returns
     * @return what {@code planning} returned
     * @throws IOException when {@code planning} throws it
     */
    public static <T> T withinBudget(Planning<T> planning) throws IOException {
        return withinBudget(PLAN_SCAN_BUDGET, planning);
    }

    /** {@link #withinBudget(Planning)} with another budget (tests spend it without decompressing gigabytes). */
    static <T> T withinBudget(long budget, Planning<T> planning) throws IOException {
        long[] outer = PLAN_BUDGET.get();
        if (outer != null) {
            return planning.run(); // a nested plan shares the outer one's budget
        }
        PLAN_BUDGET.set(new long[] {budget, budget});
        try {
            return planning.run();
        } finally {
            PLAN_BUDGET.remove();
        }
    }

    /** What the running plan was granted in all: its budget (spent by now) and the scans it gave back to. */
    private static long granted(long[] budget) {
        return budget[1];
    }

    /** What scanning an initrd found: its nvdimm modules, or why it could not be read. */
    private record Scan(Set<String> modules, Optional<String> failure) {}

    private static final java.util.Map<Path, Scan> RECENT_INITRDS = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Path, Scan> eldest) {
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
     * initrds hold every driver the patch named. An initrd that cannot be read (malformed, or expanding more than
     * {@value #MAX_EXPANSION}× its size) leaves the patch as it is, with a warning that says why: the hook skips
     * drivers that turn out to be loaded.
     */
    public static Optional<DriverPatch> withoutDriversIn(Optional<DriverPatch> patch, List<Path> initrds) {
        if (patch.isEmpty()) {
            return patch;
        }
        Set<String> present = new HashSet<>();
        for (Path initrd : initrds) {
            Scan scan = nvdimmModulesIn(initrd);
            if (scan.failure().isPresent()) {
                return patch;
            }
            present.addAll(scan.modules());
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
    private static Scan nvdimmModulesIn(Path initrd) {
        synchronized (RECENT_INITRDS) {
            Scan known = RECENT_INITRDS.get(initrd);
            if (known != null) {
                return known;
            }
        }
        Scan answer;
        long[] budget = PLAN_BUDGET.get();
        if (budget != null && budget[0] <= 0) {
            // Not remembered: another plan has its own budget.
            LOG.warn(
                    "{} was not searched for pmem drivers (this plan already decompressed {} bytes of initrds);"
                            + " the patch keeps every driver, and the hook skips those already loaded",
                    initrd,
                    granted(budget));
            return new Scan(Set.of(), Optional.of("budget spent"));
        }
        try {
            answer = new Scan(scan(initrd, budget), Optional.empty());
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            String prefix = initrd + ": ";
            if (reason.startsWith(prefix)) {
                reason = reason.substring(prefix.length()); // the sentence names the initrd once
            }
            // Said once per initrd (the answer is remembered): every entry of a menu usually names the same one.
            LOG.warn(
                    "{} was not searched for pmem drivers ({}); the patch keeps every driver, and the hook skips"
                            + " those already loaded",
                    initrd,
                    reason);
            answer = new Scan(Set.of(), Optional.of(reason));
        }
        if (initrd.getFileSystem() instanceof dev.webboot.iso.ImageFileSystem) {
            synchronized (RECENT_INITRDS) {
                RECENT_INITRDS.put(initrd, answer);
            }
        }
        return answer;
    }

    private static Set<String> scan(Path initrd, long[] planBudget) throws IOException {
        long size = Files.size(initrd);
        long budget = size > MAX_SCANNED_BYTES / MAX_EXPANSION ? MAX_SCANNED_BYTES : size * MAX_EXPANSION;
        if (planBudget != null) {
            budget = Math.min(budget, planBudget[0]);
            // Charged in full up front: a failing scan may have used all of it.
            planBudget[0] -= budget;
        }
        long granted = budget;
        Set<String> modules = new HashSet<>();
        try (dev.webboot.iso.ImageSource source = ImageSources.of(Files.newByteChannel(initrd), initrd.toString());
                Initramfs archive =
                        Initramfs.open(source, new Initramfs.Limits(budget, Initramfs.Limits.DEFAULT.maxMembers()))) {
            for (String path : archive.paths()) {
                nvdimmModuleName(path).ifPresent(modules::add);
            }
            if (planBudget != null) {
                long used = archive.segments().stream()
                        .mapToLong(dev.webboot.iso.initramfs.InitramfsSegment::uncompressedLength)
                        .sum();
                planBudget[0] += Math.max(0, granted - used); // give back what it did not use
            }
        }
        return Set.copyOf(modules);
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
