package dev.webboot.plan.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.kexec.KernelHeaders;
import dev.webboot.testing.ExternalTools;
import dev.webboot.testing.IsoBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A live-boot-like ISO made by the real tools: {@code mksquashfs} packs a root file system holding
 * {@code lib/modules/VERSION/kernel/drivers/nvdimm/} with Debian's own modules (from {@code scripts/fetch-fixtures}),
 * optionally compressed by {@code xz}/{@code zstd}/{@code gzip} and indexed by {@code depmod -b}; {@code xorriso}
 * puts it at {@code /live/filesystem.squashfs} beside Debian's kernel, the given initrd and a GRUB menu, as live-build
 * lays out a Debian live ISO.
 */
public final class LiveIsoFixture {
    /** The nvdimm modules Debian's kernel builds (the virtio ones need virtio, which the fixture leaves out). */
    public static final List<String> NVDIMM = List.of("libnvdimm", "nd_btt", "nd_e820", "nd_pmem");

    private LiveIsoFixture() {}

    /** Debian's modules directory (no version directory; {@code kernel/...}, {@code modules.builtin}). */
    public static Path debianModules() {
        String testRoot = System.getenv("WEBBOOT_TEST_ROOT");
        Path modules = Path.of(testRoot == null ? "." : testRoot, ".cache", "fixtures", "linux", "modules");
        assertThat(modules.resolve("kernel/drivers/nvdimm/nd_pmem.ko"))
                .as("run scripts/fetch-fixtures, which unpacks Debian's kernel")
                .exists();
        return modules;
    }

    /** Debian's kernel image. */
    public static Path debianKernel() {
        return debianModules().getParent().resolve("vmlinuz");
    }

    /** The release of Debian's kernel, from its bzImage header. */
    public static String release() throws IOException {
        String version = KernelHeaders.read(debianKernel()).version();
        return version.split(" ", 2)[0];
    }

    /**
     * Builds {@code dir/live.iso}.
     *
     * @param modules module names of drivers/nvdimm to put in the root file system
     * @param compression {@code none}, {@code xz}, {@code zstd} or {@code gzip}: how the module files are stored
     * @param depmod whether the root file system gets a {@code modules.dep}
     * @param initrd the initrd to put at {@code /live/initrd.img}
     */
    public static Path iso(Path dir, List<String> modules, String compression, boolean depmod, Path initrd)
            throws IOException {
        Path root = rootTree(dir, modules, compression, depmod);
        Path isoDir = Files.createDirectories(dir.resolve("isodir/live"));
        mksquashfs(dir, root, isoDir.resolve("filesystem.squashfs"));
        return xorriso(dir, initrd);
    }

    /**
     * Builds {@code dir/live.iso} in Fedora's classic layout: the root file system is an ext4 image made by {@code
     * mkfs.ext4 -d}, {@code LiveOS/rootfs.img} inside the squashfs {@code /LiveOS/squashfs.img}.
     */
    public static Path fedoraClassicIso(Path dir, List<String> modules, String compression, Path initrd)
            throws IOException {
        Path root = rootTree(dir, modules, compression, true);
        Path squashTree = Files.createDirectories(dir.resolve("squash/LiveOS"));
        ExternalTools.run(
                dir,
                ExternalTools.require("mkfs.ext4", "e2fsprogs").toString(),
                "-q",
                "-F",
                "-L",
                "Anaconda",
                "-d",
                root.toString(),
                squashTree.resolve("rootfs.img").toString(),
                "32M");
        Path isoDir = Files.createDirectories(dir.resolve("isodir/LiveOS"));
        mksquashfs(dir, squashTree.getParent(), isoDir.resolve("squashfs.img"));
        return xorriso(dir, initrd);
    }

    private static Path rootTree(Path dir, List<String> modules, String compression, boolean depmod)
            throws IOException {
        String release = release();
        Path root = dir.resolve("rootfs");
        Path moduleDir = root.resolve("usr/lib/modules/" + release);
        Path nvdimm = Files.createDirectories(moduleDir.resolve("kernel/drivers/nvdimm"));
        Files.createDirectories(root.resolve("usr/bin"));
        Files.createSymbolicLink(root.resolve("lib"), Path.of("usr/lib"));
        Files.copy(debianModules().resolve("modules.builtin"), moduleDir.resolve("modules.builtin"));
        for (String module : modules) {
            Path ko = nvdimm.resolve(module + ".ko");
            Files.copy(debianModules().resolve("kernel/drivers/nvdimm/" + module + ".ko"), ko);
            switch (compression) {
                case "none" -> {}
                case "xz" -> ExternalTools.run(
                        nvdimm, ExternalTools.require("xz", "xz-utils").toString(), "--check=crc32", ko.toString());
                case "zstd" -> ExternalTools.run(
                        nvdimm, ExternalTools.require("zstd", "zstd").toString(), "-q", "--rm", ko.toString());
                case "gzip" -> ExternalTools.run(
                        nvdimm, ExternalTools.require("gzip", "gzip").toString(), "-n", ko.toString());
                default -> throw new IllegalArgumentException(compression);
            }
        }
        if (depmod) {
            ExternalTools.run(dir, ExternalTools.require("depmod", "kmod").toString(), "-b", root.toString(), release);
            assertThat(moduleDir.resolve("modules.dep")).exists();
        }
        return root;
    }

    private static void mksquashfs(Path dir, Path tree, Path out) throws IOException {
        ExternalTools.run(
                dir,
                ExternalTools.require("mksquashfs", "squashfs-tools").toString(),
                tree.toString(),
                out.toString(),
                "-noappend",
                "-quiet",
                "-no-progress");
    }

    private static Path xorriso(Path dir, Path initrd) throws IOException {
        Path isoDir = Files.createDirectories(dir.resolve("isodir/live"));
        Files.copy(initrd, isoDir.resolve("initrd.img"));
        Files.copy(debianKernel(), isoDir.resolve("vmlinuz"));
        Path grub = Files.createDirectories(dir.resolve("isodir/boot/grub"));
        Files.writeString(
                grub.resolve("grub.cfg"),
                "menuentry \"Live system (amd64)\" {\n  linux /live/vmlinuz boot=live components quiet\n"
                        + "  initrd /live/initrd.img\n}\n");
        Path iso = dir.resolve("live.iso");
        return IsoBuilder.of(dir.resolve("isodir")).label("WEBBOOT_LIVE").build(iso);
    }

    /**
     * An initrd made by GNU cpio and gzip from a tree with {@code usr/lib}, {@code lib -> usr/lib}, {@code bin ->
     * usr/bin}, {@code conf/conf.d/} and more {@code dirs}.
     */
    public static Path initrd(Path dir, String... dirs) throws IOException {
        Path tree = Files.createDirectories(dir.resolve("initrd-tree"));
        List<String> all = new ArrayList<>(List.of("usr/lib/modules", "usr/bin", "conf/conf.d", "scripts"));
        all.addAll(List.of(dirs));
        for (String d : all) {
            Files.createDirectories(tree.resolve(d));
        }
        Files.createSymbolicLink(tree.resolve("lib"), Path.of("usr/lib"));
        Files.createSymbolicLink(tree.resolve("bin"), Path.of("usr/bin"));
        Files.writeString(tree.resolve("init"), "#!/bin/sh\necho init\n");
        Path initrd = dir.resolve("initrd.img");
        ExternalTools.run(
                tree,
                "sh",
                "-c",
                "find . | LC_ALL=C sort | " + ExternalTools.require("cpio", "cpio") + " --quiet -o -H newc | gzip -n > "
                        + initrd);
        return initrd;
    }
}
