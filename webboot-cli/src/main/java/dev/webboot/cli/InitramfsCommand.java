package dev.webboot.cli;

import dev.webboot.boot.initramfs.InitramfsBuilder;
import dev.webboot.boot.initramfs.InitramfsReport;
import dev.webboot.iso.initramfs.Compression;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code webboot initramfs build}: the bootable webboot initramfs (docs/initramfs.md). */
@Command(
        name = "initramfs",
        mixinStandardHelpOptions = true,
        description = "Build the initramfs that runs webboot at boot.",
        subcommands = {InitramfsCommand.Build.class})
final class InitramfsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: build");
    }

    /** {@code webboot initramfs build -o OUT …}. */
    @Command(
            name = "build",
            mixinStandardHelpOptions = true,
            description = "A cpio initramfs with a jlinked Java runtime, webboot, busybox and /init; optionally kernel"
                    + " modules, firmware and wpa_supplicant.")
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = {"-o", "--output"},
                required = true,
                paramLabel = "OUT",
                description = "The initramfs file.")
        Path output;

        @Option(
                names = "--compress",
                defaultValue = "zstd",
                paramLabel = "none|gzip|xz|zstd",
                description = "Compression (default: ${DEFAULT-VALUE}; the kernel needs the matching CONFIG_RD_*).")
        String compress;

        @Option(
                names = "--jdk",
                paramLabel = "DIR",
                description = "The JDK that jlinks the runtime (default: java.home).")
        Path jdk;

        @Option(
                names = "--jar",
                paramLabel = "JAR",
                description = "webboot's jars or class directories in class-path order (default: the running"
                        + " webboot's class path, e.g. webboot.jar).")
        List<Path> jars = new ArrayList<>();

        @Option(
                names = "--kernel-modules",
                paramLabel = "DIR_OR_DEB",
                description = "A kernel's lib/modules/RELEASE directory, a root holding one, or a linux-image .deb.")
        Path kernelModules;

        @Option(
                names = "--kernel",
                paramLabel = "BZIMAGE",
                description = "The kernel this initramfs boots with, carried at " + InitramfsBuilder.OWN_KERNEL
                        + " so that webboot can boot itself again with a memmap= it planned.")
        Path kernel;

        @Option(
                names = "--kernel-release",
                paramLabel = "RELEASE",
                description =
                        "The release of --kernel-modules" + " when neither its directory name nor its modules tell it.")
        String kernelRelease;

        @Option(
                names = "--module",
                paramLabel = "NAME",
                split = ",",
                description = "Kernel modules to carry and load at start (with their dependencies); default: the pmem,"
                        + " ISO, virtio, Ethernet, Wi-Fi and USB storage drivers listed in docs/initramfs.md.")
        List<String> modules = new ArrayList<>();

        @Option(names = "--firmware", paramLabel = "DIR", description = "A firmware tree for /lib/firmware.")
        Path firmware;

        @Option(
                names = "--wpa-supplicant",
                arity = "0..1",
                fallbackValue = "/usr/sbin/wpa_supplicant",
                paramLabel = "PROGRAM",
                description = "Add wpa_supplicant (default program: ${FALLBACK-VALUE}) for webboot wifi.")
        Path wpaSupplicant;

        @Option(names = "--busybox", paramLabel = "PROGRAM", description = "busybox (default: busybox on PATH).")
        Path busybox;

        @Option(
                names = "--java-modules",
                split = ",",
                paramLabel = "MODULE",
                description =
                        "Java modules to link (default: java.base, java.logging, jdk.crypto.ec," + " jdk.unsupported).")
        List<String> javaModules = new ArrayList<>();

        @Option(names = "--no-cds", description = "Skip the class-data-sharing archive (it needs root or unshare).")
        boolean noCds;

        @Option(names = "--json", description = "Print the result as one JSON object on stdout.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            Compression compression = CompressionOption.parse(spec.commandLine(), compress);
            PrintWriter err = spec.commandLine().getErr();
            InitramfsBuilder builder = InitramfsBuilder.create()
                    .compression(compression)
                    .modules(modules)
                    .javaModules(javaModules)
                    .classDataSharing(!noCds)
                    .progress(line -> err.println("initramfs: " + line));
            if (jdk != null) {
                builder.jdk(jdk);
            }
            if (!jars.isEmpty()) {
                builder.classPath(jars);
            }
            if (kernelModules != null) {
                builder.kernelModules(kernelModules);
            }
            if (kernel != null) {
                builder.kernel(kernel);
            }
            if (kernelRelease != null) {
                builder.kernelRelease(kernelRelease);
            }
            if (firmware != null) {
                builder.firmware(firmware);
            }
            if (wpaSupplicant != null) {
                builder.wpaSupplicant(wpaSupplicant);
            }
            if (busybox != null) {
                builder.busybox(busybox);
            }
            InitramfsReport report = builder.build(output);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(JsonLine.object()
                        .put("output", report.output().toString())
                        .put("compression", report.compression().cliName())
                        .put("size", report.compressedBytes())
                        .put("unpackedSize", report.unpackedBytes())
                        .put("files", report.files())
                        .put("javaModules", report.javaModules())
                        .put("kernelRelease", report.kernelRelease().orElse(null))
                        .put("kernelModules", report.kernelModules())
                        .put("missingModules", report.missingModules())
                        .put("cds", report.classDataSharing())
                        .toString());
            } else {
                out.printf(
                        "%s: %d bytes (%s), %d bytes unpacked, %d files, %d kernel modules%s%n",
                        report.output(),
                        report.compressedBytes(),
                        report.compression().cliName(),
                        report.unpackedBytes(),
                        report.files(),
                        report.kernelModules().size(),
                        report.classDataSharing() ? ", CDS archive" : "");
            }
            return 0;
        }
    }
}
