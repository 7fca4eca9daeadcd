package dev.webboot.cli;

import dev.webboot.iso.ImageFileSystem;
import dev.webboot.iso.Images;
import dev.webboot.kexec.Kexec;
import dev.webboot.kexec.KexecRequest;
import dev.webboot.kexec.LoadedKernel;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code webboot kexec load}: hand the machine to another kernel. */
@Command(
        name = "kexec",
        mixinStandardHelpOptions = true,
        description = "Load another kernel with kexec_file_load, and boot it.",
        subcommands = {KexecCommand.Load.class})
final class KexecCommand {

    @Command(
            name = "load",
            mixinStandardHelpOptions = true,
            description = "Load a kernel and its initrds for kexec; --exec boots it at once.")
    static final class Load implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--kernel",
                required = true,
                paramLabel = "K",
                description = "The kernel image: a file, or ISO!/path/in/iso, read in place.")
        String kernel;

        @Option(
                names = "--initrd",
                paramLabel = "I",
                description = "An initrd (a file or ISO!/path); repeat for several, concatenated in order.")
        List<String> initrds = new ArrayList<>();

        @Option(names = "--cmdline", required = true, paramLabel = "C", description = "The new kernel's command line.")
        String cmdline;

        @Option(names = "--exec", description = "Boot the loaded kernel at once (reboot(LINUX_REBOOT_CMD_KEXEC)).")
        boolean exec;

        @Option(names = "--dry-run", description = "Do everything but the kexec_file_load and reboot calls.")
        boolean dryRun;

        @Option(names = "--json", description = "One JSON object per line on stdout.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            Kexec kexec = Kexec.system();
            LoadedKernel loaded;
            List<Closeable> images = new ArrayList<>();
            try {
                List<Path> initrdPaths = new ArrayList<>();
                for (String initrd : initrds) {
                    initrdPaths.add(resolve(initrd, images));
                }
                loaded = kexec.load(new KexecRequest(resolve(kernel, images), initrdPaths, cmdline), dryRun);
            } finally {
                for (Closeable image : images) {
                    image.close();
                }
            }
            if (json) {
                spec.commandLine()
                        .getOut()
                        .println(new JsonLine()
                                .put("kernel", kernel.toString())
                                .put(
                                        "architecture",
                                        loaded.header().architecture().linuxName())
                                .put("format", loaded.header().format())
                                .put("version", loaded.header().version())
                                .put("kernelBytes", loaded.kernelBytes())
                                .put("initrdBytes", loaded.initrdBytes())
                                .put("cmdline", loaded.commandLine())
                                .put("loaded", loaded.loaded())
                                .put("dryRun", dryRun));
            } else {
                spec.commandLine()
                        .getOut()
                        .printf(
                                "%s %s (%s, %d bytes) with %d initrd bytes%n",
                                dryRun ? "would load" : "loaded",
                                kernel,
                                loaded.header().release().isEmpty()
                                        ? loaded.header().architecture().linuxName()
                                        : loaded.header().release(),
                                loaded.kernelBytes(),
                                loaded.initrdBytes());
            }
            spec.commandLine().getOut().flush();
            if (exec && !dryRun) {
                spec.commandLine().getErr().println("webboot: booting " + kernel);
                spec.commandLine().getErr().flush();
                kexec.execute();
            }
            return 0;
        }

        /** A file, or {@code OUTER!/path} inside an image (nested as deep as needed), read in place. */
        private static Path resolve(String name, List<Closeable> images) throws IOException {
            int bang = name.lastIndexOf("!/");
            if (bang < 0) {
                return Path.of(name);
            }
            ImageFileSystem fs = Images.openFileSystem(name.substring(0, bang));
            images.add(fs);
            return fs.getPath(name.substring(bang + 1));
        }
    }
}
