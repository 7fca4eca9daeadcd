package dev.webboot.cli;

import dev.webboot.boot.media.MediaBuilder;
import dev.webboot.boot.media.MediaEntry;
import dev.webboot.boot.media.MediaReport;
import dev.webboot.boot.media.MediaWriter;
import dev.webboot.fetch.Catalogs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code webboot media build|write}: the medium webboot boots from on a real machine (docs/media.md). */
@Command(
        name = "media",
        mixinStandardHelpOptions = true,
        description = "Make the medium that boots webboot: a hybrid BIOS/UEFI image, or files for iPXE.",
        subcommands = {MediaCommand.Build.class, MediaCommand.Write.class})
final class MediaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: build or write");
    }

    /** {@code webboot media build -o OUT.iso | --ipxe DIR …}. */
    @Command(
            name = "build",
            mixinStandardHelpOptions = true,
            description = "One hybrid image (USB stick via dd, CD, virtual media) that boots on BIOS and UEFI: GRUB"
                    + " (grub-mkrescue), the kernel, the webboot initramfs and a menu: webboot, each catalog"
                    + " distribution unattended, a shell. No memmap= is written.")
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.ArgGroup(multiplicity = "1")
        Target target;

        static final class Target {
            @Option(
                    names = {"-o", "--output"},
                    paramLabel = "OUT.iso",
                    description = "The image.")
            Path output;

            @Option(
                    names = "--ipxe",
                    paramLabel = "DIR",
                    description = "Write vmlinuz, webboot.img and webboot.ipxe into DIR for network boot instead.")
            Path ipxe;
        }

        @Option(
                names = "--kernel",
                paramLabel = "FILE",
                description = "A bzImage or a linux-image .deb (default: Debian's kernel, fetched with apt-get"
                        + " download).")
        Path kernel;

        @Option(
                names = "--initramfs",
                paramLabel = "FILE",
                description = "A webboot initramfs (default: built as `webboot initramfs build` does, with the"
                        + " kernel's modules).")
        Path initramfs;

        @Option(
                names = "--append",
                paramLabel = "ARGS",
                description = "Kernel parameters added to every entry, e.g. \"console=ttyS0,115200\".")
        String append = "";

        @Option(
                names = "--boot",
                paramLabel = "DISTRO",
                description = "Make that catalog distribution's unattended entry the default.")
        String boot;

        @Option(
                names = "--secure-boot",
                description = "A UEFI path that boots under Secure Boot (shim, signed GRUB and kernel): not built yet.")
        boolean secureBoot;

        @Option(names = "--json", description = "Print the result as one JSON object on stdout.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            if (secureBoot) {
                throw new IOException("--secure-boot is not supported yet: the medium's GRUB and kernel are not"
                        + " signed for Secure Boot; turn Secure Boot off to boot it (docs/media.md)");
            }
            PrintWriter err = spec.commandLine().getErr();
            MediaBuilder builder = MediaBuilder.create()
                    .distributions(Catalogs.builtIn().entries())
                    .appendText(append)
                    .progress(line -> err.println("media: " + line));
            if (boot != null) {
                builder.defaultBoot(boot);
            }
            if (kernel != null) {
                builder.kernel(kernel);
            }
            if (initramfs != null) {
                builder.initramfs(initramfs);
            }
            builder.entries(); // a wrong --boot or --append fails before anything is fetched or built
            MediaReport report = target.ipxe != null ? builder.buildIpxe(target.ipxe) : builder.build(target.output);
            PrintWriter out = spec.commandLine().getOut();
            List<JsonLine> entries = report.entries().stream()
                    .map(e -> JsonLine.object()
                            .put("title", e.title())
                            .put("args", e.arguments())
                            .put("default", e.isDefault()))
                    .toList();
            if (json) {
                JsonLine line = JsonLine.object()
                        .put("output", report.output().toString())
                        .put("size", report.size())
                        .put("bios", report.bios())
                        .put("uefi", report.uefi())
                        .put("secureBoot", report.secureBoot());
                if (target.ipxe != null) {
                    line.put(
                            "files", report.files().stream().map(Path::toString).toList());
                }
                out.println(line.put("entries", entries).toString());
            } else {
                out.printf(
                        "%s: %d bytes%s%s, %d menu entries%n",
                        report.output(),
                        report.size(),
                        report.bios() ? ", BIOS" : "",
                        report.uefi() ? ", UEFI" : "",
                        report.entries().size());
                for (MediaEntry entry : report.entries()) {
                    out.printf("  %s %s: %s%n", entry.isDefault() ? "*" : " ", entry.title(), entry.arguments());
                }
            }
            return 0;
        }
    }

    /** {@code webboot media write IMG DEVICE}. */
    @Command(
            name = "write",
            mixinStandardHelpOptions = true,
            description = "Copy an image to a whole disk (a USB stick) and flush it; refuses a mounted disk, a disk in"
                    + " use and the disk the running system is on.")
    static final class Write implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "IMAGE", description = "The image (webboot media build -o).")
        Path image;

        @Parameters(index = "1", paramLabel = "DEVICE", description = "The whole disk, e.g. /dev/sdb.")
        Path device;

        @Option(names = "--json", description = "Print the result as one JSON object on stdout.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            long[] reported = {0};
            long written = MediaWriter.system().write(image, device, bytes -> {
                if (bytes - reported[0] >= 64L << 20) {
                    reported[0] = bytes;
                    err.println("media: " + (bytes >> 20) + " MiB written");
                }
            });
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(JsonLine.object()
                        .put("image", image.toString())
                        .put("device", device.toString())
                        .put("written", written)
                        .toString());
            } else {
                out.printf("%s: %d bytes written to %s and flushed%n", image, written, device);
            }
            return 0;
        }
    }
}
