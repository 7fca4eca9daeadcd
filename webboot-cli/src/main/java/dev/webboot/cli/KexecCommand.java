package dev.webboot.cli;

import dev.webboot.kexec.Kexec;
import dev.webboot.kexec.KexecRequest;
import dev.webboot.kexec.LoadedKernel;
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

        @Option(names = "--kernel", required = true, paramLabel = "K", description = "The kernel image.")
        Path kernel;

        @Option(
                names = "--initrd",
                paramLabel = "I",
                description = "An initrd; repeat for several, concatenated in order.")
        List<Path> initrds = new ArrayList<>();

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
            LoadedKernel loaded = kexec.load(new KexecRequest(kernel, initrds, cmdline), dryRun);
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
    }
}
