package dev.webboot.cli;

import dev.webboot.kexec.KernelModules;
import dev.webboot.kexec.ModuleIndex;
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

/** {@code webboot modules load}: kernel modules loaded with their dependencies, without kmod (the initramfs /init). */
@Command(
        name = "modules",
        mixinStandardHelpOptions = true,
        description = "Load kernel modules with their dependencies (as modprobe does, without kmod).",
        subcommands = {ModulesCommand.Load.class})
final class ModulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: load");
    }

    /** {@code webboot modules load [--dry-run] [--dir DIR] NAME…}: prints each module inserted, one per line. */
    @Command(
            name = "load",
            mixinStandardHelpOptions = true,
            description = "Insert the named modules and what they depend on; prints each module inserted.")
    static final class Load implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dry-run", description = "Read and check every module file but insert nothing.")
        boolean dryRun;

        @Option(
                names = "--dir",
                paramLabel = "DIR",
                description = "The modules directory (default: /lib/modules/$(uname -r)).")
        Path directory;

        @Option(names = "--json", description = "One JSON object per line: {\"module\":…, \"inserted\":bool}.")
        boolean json;

        @Parameters(paramLabel = "NAME", arity = "0..*", description = "Module names (nd_pmem, virtio_net, …).")
        List<String> names = List.of();

        @Override
        public Integer call() throws IOException {
            KernelModules modules = directory == null
                    ? KernelModules.running()
                    : new KernelModules(ModuleIndex.read(directory), Path.of("/proc/modules"));
            PrintWriter out = spec.commandLine().getOut();
            for (String module : modules.load(names, dryRun)) {
                out.println(
                        json
                                ? JsonLine.object()
                                        .put("module", module)
                                        .put("inserted", !dryRun)
                                        .toString()
                                : module);
            }
            return 0;
        }
    }
}
