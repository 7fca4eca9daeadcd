package dev.webboot.boot.media;

import dev.webboot.api.catalog.CatalogEntry;
import dev.webboot.api.plan.KernelCommandLine;
import dev.webboot.boot.initramfs.InitramfsBuilder;
import dev.webboot.boot.internal.HostProcess;
import dev.webboot.iso.iso9660.ElToritoEntry;
import dev.webboot.iso.iso9660.Iso9660FileSystem;
import dev.webboot.iso.iso9660.IsoVolume;
import dev.webboot.kexec.KernelHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Makes the medium webboot boots from on a real machine: one hybrid ISO image with the kernel, the webboot initramfs
 * and a GRUB menu, made by Debian's {@code grub-mkrescue} (packages grub-pc-bin, grub-efi-amd64-bin, xorriso, mtools),
 * which boots on BIOS (El Torito and GRUB's MBR on a disk) and UEFI (an El Torito EFI system partition image with
 * {@code EFI/BOOT/BOOTX64.EFI}, also a partition of the disk); or, for network boot, the kernel, the initramfs and an
 * iPXE script in a directory.
 *
 * <pre>{@code
 * MediaReport report = MediaBuilder.create()
 *         .distributions(Catalogs.builtIn().entries())
 *         .append(List.of("console=ttyS0,115200"))
 *         .build(Path.of("webboot.iso"));
 * }</pre>
 *
 * <p>The kernel is by default Debian's ({@code linux-image-amd64}'s current package, fetched with {@code apt-get
 * download}), and the initramfs is built for it as {@code webboot initramfs build} does, with its modules. No {@code
 * memmap=} is written: see docs/media.md.
 */
public final class MediaBuilder {
    private static final String VOLUME_ID = "WEBBOOT";

    private Optional<Path> kernel = Optional.empty();
    private Optional<Path> initramfs = Optional.empty();
    private InitramfsBuilder initramfsBuilder;
    private List<String> append = List.of();
    private Optional<String> defaultBoot = Optional.empty();
    private List<CatalogEntry> distributions = List.of();
    private Path workDirectory = Path.of(System.getProperty("java.io.tmpdir"));
    private Consumer<String> progress = message -> {};

    private MediaBuilder() {}

    /** A builder with the defaults: Debian's kernel, an initramfs built for it, no catalog entries. */
    public static MediaBuilder create() {
        return new MediaBuilder();
    }

    /**
     * The kernel: a bzImage (its modules are taken from {@code /lib/modules/RELEASE} when that exists) or a
     * linux-image .deb (kernel and modules from the package).
     */
    public MediaBuilder kernel(Path kernelOrDeb) {
        this.kernel = Optional.of(kernelOrDeb);
        return this;
    }

    /** A webboot initramfs made before (by {@code webboot initramfs build}); otherwise one is built. */
    public MediaBuilder initramfs(Path initramfs) {
        this.initramfs = Optional.of(initramfs);
        return this;
    }

    /** How the initramfs is built when none is given (its kernel modules are set to the kernel's). */
    public MediaBuilder initramfsBuilder(InitramfsBuilder builder) {
        this.initramfsBuilder = Objects.requireNonNull(builder);
        return this;
    }

    /** Kernel parameters added to every entry, as words ({@link #appendText} splits a line). */
    public MediaBuilder append(List<String> words) {
        this.append = List.copyOf(words);
        return this;
    }

    /** Kernel parameters added to every entry, as one line split the way the kernel splits it. */
    public MediaBuilder appendText(String line) {
        return append(KernelCommandLine.parse(line).parameters());
    }

    /** The catalog distributions that get an unattended entry each. */
    public MediaBuilder distributions(List<CatalogEntry> distributions) {
        this.distributions = List.copyOf(distributions);
        return this;
    }

    /** Makes that distribution's unattended entry the default (it must be one of {@link #distributions}). */
    public MediaBuilder defaultBoot(String distributionId) {
        this.defaultBoot = Optional.of(distributionId);
        return this;
    }

    /** Where the image's tree is staged (default: java.io.tmpdir). */
    public MediaBuilder workDirectory(Path directory) {
        this.workDirectory = Objects.requireNonNull(directory);
        return this;
    }

    /** Receives one line per step (the CLI prints them on stderr). */
    public MediaBuilder progress(Consumer<String> progress) {
        this.progress = Objects.requireNonNull(progress);
        return this;
    }

    /** The menu the medium will have, without building anything. */
    public List<MediaEntry> entries() {
        return menu().entries();
    }

    private BootMenu menu() {
        return BootMenu.of(distributions, defaultBoot, append);
    }

    /** Writes the hybrid image to {@code output} (replaced only once it is complete). */
    public MediaReport build(Path output) throws IOException {
        BootMenu menu = menu();
        Path grubMkrescue = HostProcess.require("grub-mkrescue", "grub-common");
        HostProcess.require("xorriso", "xorriso");
        HostProcess.require("mformat", "mtools");
        for (String[] platform :
                List.of(new String[] {"i386-pc", "grub-pc-bin"}, new String[] {"x86_64-efi", "grub-efi-amd64-bin"})) {
            if (!Files.isRegularFile(Path.of("/usr/lib/grub", platform[0], "linux.mod"))) {
                throw new IOException("/usr/lib/grub/" + platform[0] + ": GRUB's modules for it are missing; install"
                        + " them (apt-get install " + platform[1] + ")");
            }
        }
        Path work = Files.createTempDirectory(workDirectory, "webboot-media-");
        try {
            Path tree = work.resolve("tree");
            Path boot = Files.createDirectories(tree.resolve("boot/grub"));
            stage(work, tree.resolve("boot"));
            Files.writeString(boot.resolve("grub.cfg"), menu.grubConfig(), StandardCharsets.UTF_8);
            Path absolute = output.toAbsolutePath();
            Path partial = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".partial");
            try {
                progress.accept("grub-mkrescue (BIOS and UEFI GRUB, xorriso) -> " + output);
                HostProcess.run(
                        work,
                        List.of(
                                grubMkrescue.toString(),
                                "-o",
                                partial.toString(),
                                "--locales=",
                                "--themes=",
                                tree.toString(),
                                "--",
                                "-volid",
                                VOLUME_ID));
                Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            IsoVolume volume;
            try (Iso9660FileSystem iso = Iso9660FileSystem.open(absolute)) {
                volume = iso.volume();
            }
            boolean bios = !volume.hybrid().equals("none")
                    && volume.bootEntries().stream()
                            .anyMatch(e -> e.bootable() && e.platform() == ElToritoEntry.Platform.BIOS);
            boolean uefi = volume.bootEntries().stream()
                    .anyMatch(e -> e.bootable() && e.platform() == ElToritoEntry.Platform.UEFI);
            return new MediaReport(output, Files.size(absolute), bios, uefi, false, List.of(output), menu.entries());
        } finally {
            HostProcess.deleteTree(work);
        }
    }

    /**
     * Writes the kernel ({@code vmlinuz}), the initramfs ({@code webboot.img}) and {@code webboot.ipxe} into {@code
     * directory} (created), for network boot with iPXE: serve the directory over HTTP and chain the script.
     */
    public MediaReport buildIpxe(Path directory) throws IOException {
        BootMenu menu = menu();
        String script = menu.ipxeScript();
        Files.createDirectories(directory);
        Path work = Files.createTempDirectory(workDirectory, "webboot-media-");
        try {
            Path staged = Files.createDirectories(work.resolve("files"));
            stage(work, staged);
            Files.writeString(staged.resolve("webboot.ipxe"), script, StandardCharsets.UTF_8);
            List<Path> files = new ArrayList<>();
            long size = 0;
            for (String name : List.of(BootMenu.KERNEL, BootMenu.INITRAMFS, "webboot.ipxe")) {
                Path target = directory.resolve(name);
                Files.move(staged.resolve(name), target, StandardCopyOption.REPLACE_EXISTING);
                files.add(target);
                size += Files.size(target);
            }
            progress.accept("iPXE: " + directory.resolve("webboot.ipxe") + " boots "
                    + menu.defaultItem().title());
            return new MediaReport(
                    directory,
                    size,
                    false,
                    false,
                    false,
                    files,
                    List.of(menu.defaultItem().entry()));
        } finally {
            HostProcess.deleteTree(work);
        }
    }

    /** Puts {@code vmlinuz} and {@code webboot.img} into {@code dir}. */
    private void stage(Path work, Path dir) throws IOException {
        Path vmlinuz;
        Optional<Path> modules;
        if (kernel.isEmpty() || kernel.get().getFileName().toString().endsWith(".deb")) {
            Path deb = kernel.isPresent() ? kernel.get() : downloadDebianKernel(work);
            Path root = work.resolve("kernel-package");
            progress.accept("unpacking " + deb);
            HostProcess.run(
                    work,
                    List.of(HostProcess.require("dpkg-deb", "dpkg").toString(), "-x", deb.toString(), root.toString()));
            try (Stream<Path> files = Files.list(root.resolve("boot"))) {
                vmlinuz = files.filter(p -> p.getFileName().toString().startsWith("vmlinuz-"))
                        .findFirst()
                        .orElseThrow(() -> new IOException(deb + ": the package has no /boot/vmlinuz-RELEASE"));
            }
            modules = Optional.of(root);
        } else {
            vmlinuz = kernel.get();
            String release = KernelHeaders.read(vmlinuz).release();
            Path lib = Path.of("/lib/modules", release);
            modules = !release.isEmpty() && Files.isDirectory(lib.resolve("kernel"))
                    ? Optional.of(lib)
                    : Optional.empty();
            if (initramfs.isEmpty() && modules.isEmpty()) {
                progress.accept(vmlinuz + ": no /lib/modules/" + release + "; the initramfs gets no kernel modules"
                        + " (the kernel must have the pmem and network drivers built in)");
            }
        }
        Files.copy(vmlinuz, dir.resolve(BootMenu.KERNEL), StandardCopyOption.REPLACE_EXISTING);
        Path image = dir.resolve(BootMenu.INITRAMFS);
        if (initramfs.isPresent()) {
            Files.copy(initramfs.get(), image, StandardCopyOption.REPLACE_EXISTING);
        } else {
            InitramfsBuilder builder = initramfsBuilder != null
                    ? initramfsBuilder
                    : InitramfsBuilder.create().progress(progress);
            modules.ifPresent(builder::kernelModules);
            // The medium's kernel rides in the initramfs too: webboot boots itself again with the memmap= it plans.
            builder.kernel(vmlinuz).workDirectory(work).build(image);
        }
    }

    /** Debian's kernel package, {@code linux-image-amd64}'s current dependency, fetched by apt into {@code work}. */
    private Path downloadDebianKernel(Path work) throws IOException {
        String depends = HostProcess.run(
                work, List.of(HostProcess.require("apt-cache", "apt").toString(), "depends", "linux-image-amd64"));
        String pkg = depends.lines()
                .map(String::strip)
                .filter(l -> l.startsWith("Depends: linux-image-") && l.endsWith("-amd64"))
                .map(l -> l.substring("Depends: ".length()))
                .findFirst()
                .orElseThrow(() -> new IOException("apt-cache depends linux-image-amd64 names no kernel package; run"
                        + " apt-get update, or give --kernel"));
        progress.accept("apt-get download " + pkg + " (Debian's kernel)");
        Path debs = Files.createDirectories(work.resolve("debs"));
        HostProcess.run(debs, List.of(HostProcess.require("apt-get", "apt").toString(), "download", "-q", pkg));
        try (Stream<Path> files = Files.list(debs)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".deb"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("apt-get download " + pkg + " wrote no package"));
        }
    }
}
