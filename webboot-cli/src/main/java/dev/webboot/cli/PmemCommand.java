package dev.webboot.cli;

import dev.webboot.pmem.BlockDevice;
import dev.webboot.pmem.BlockDevices;
import dev.webboot.pmem.MachineReader;
import dev.webboot.pmem.MemmapKind;
import dev.webboot.pmem.MemmapParameter;
import dev.webboot.pmem.MemmapPlan;
import dev.webboot.pmem.MemmapPlanner;
import dev.webboot.pmem.PmemDevice;
import dev.webboot.pmem.PmemException;
import dev.webboot.pmem.PmemInventory;
import dev.webboot.pmem.StageResult;
import dev.webboot.pmem.Stager;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code webboot pmem ls|plan|stage}: the RAM block device that holds the image. */
@Command(
        name = "pmem",
        mixinStandardHelpOptions = true,
        description =
                "Persistent-memory (RAM) block devices: list them, plan a memmap= for one, stage an image into one.",
        subcommands = {PmemCommand.Ls.class, PmemCommand.Plan.class, PmemCommand.Stage.class})
final class PmemCommand {

    /** Options every pmem subcommand has. */
    static class Common {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "One JSON object per line on stdout.")
        boolean json;

        @Option(
                names = "--root",
                hidden = true,
                defaultValue = "/",
                description = "Read /proc and /sys under this directory (recorded machines in tests).")
        Path root;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List the pmem block devices.")
    static final class Ls extends Common implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            PmemInventory inventory = new MachineReader(root).inventory();
            for (PmemDevice device : inventory.devices()) {
                Optional<MemmapParameter> memmap = inventory.memmap().stream()
                        .filter(p -> p.kind() == MemmapKind.PERSISTENT)
                        .filter(p -> device.physicalStart().isPresent()
                                && p.start() == device.physicalStart().getAsLong())
                        .findFirst();
                if (json) {
                    JsonLine line = new JsonLine()
                            .put("device", device.device())
                            .put("name", device.name())
                            .put("size", device.size());
                    if (device.physicalStart().isPresent()) {
                        line.put("start", device.physicalStart().getAsLong());
                    }
                    line.put("mode", device.mode());
                    memmap.ifPresent(p -> line.put("memmap", p.text()));
                    out().println(line);
                } else {
                    out().printf(
                                    "%s\t%d bytes%s%s%n",
                                    device.device(),
                                    device.size(),
                                    device.physicalStart().isPresent()
                                            ? String.format(
                                                    "\tat %#x",
                                                    device.physicalStart().getAsLong())
                                            : "",
                                    memmap.map(p -> "\tmemmap=" + p.text()).orElse(""));
                }
            }
            if (inventory.devices().isEmpty()) {
                err().println("webboot: no pmem devices: boot with a memmap=SIZE!START parameter (see webboot pmem"
                        + " plan --size BYTES) and load nd_e820 and nd_pmem");
            }
            out().flush();
            return 0;
        }
    }

    @Command(
            name = "plan",
            mixinStandardHelpOptions = true,
            description = "Plan a memmap= kernel parameter for a RAM block device of the given size.")
    static final class Plan extends Common implements Callable<Integer> {
        @Option(
                names = "--size",
                required = true,
                converter = ByteSizeConverter.class,
                description = "The image's size: bytes, or with K, M, G.")
        long size;

        @Option(
                names = "--reserve",
                converter = ByteSizeConverter.class,
                description = "RAM to leave for webboot and the booted system (default: 1G).")
        Long reserve;

        @Override
        public Integer call() throws IOException {
            MemmapPlanner planner =
                    reserve == null ? new MemmapPlanner() : new MemmapPlanner(MemmapPlanner.SECTION_ALIGNMENT, reserve);
            MemmapPlan plan = planner.plan(new MachineReader(root).memory(), size);
            if (json) {
                out().println(new JsonLine()
                        .put("memmap", plan.memmap())
                        .put("parameter", plan.kernelParameter())
                        .put("start", plan.start())
                        .put("size", plan.size())
                        .put("reason", plan.reason()));
            } else {
                out().println(plan.kernelParameter());
                err().println(plan.reason());
            }
            out().flush();
            return 0;
        }
    }

    @Command(
            name = "stage",
            mixinStandardHelpOptions = true,
            description = "Copy an image (a file, or - for standard input) into a pmem device.")
    static final class Stage extends Common implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SOURCE", description = "The image file, or - for standard input.")
        String source;

        @Option(names = "--device", description = "The device (default: the first pmem device).")
        Path device;

        @Option(names = "--verify", description = "Read the image back after writing and compare hashes.")
        boolean verify;

        @Override
        public Integer call() throws IOException {
            Path target = device != null ? device : firstDevice();
            try (BlockDevice block = BlockDevices.open(target)) {
                Stager stager = new Stager().withVerification(verify);
                StageResult result;
                if (source.equals("-")) {
                    ReadableByteChannel in = Channels.newChannel(System.in);
                    result = stager.stage(in, OptionalLong.empty(), block);
                } else {
                    Path file = Path.of(source);
                    if (!Files.exists(file)) {
                        throw new java.nio.file.NoSuchFileException(source);
                    }
                    result = stager.stage(file, block);
                }
                if (json) {
                    out().println(new JsonLine()
                            .put("device", result.device())
                            .put("bytes", result.bytes())
                            .put("sha256", result.sha256())
                            .put("verified", result.verified()));
                } else {
                    out().println(result.sha256() + "  " + result.device());
                    err().println("staged " + result.bytes() + " bytes into " + result.device()
                            + (result.verified() ? " (read back and verified)" : ""));
                }
            }
            out().flush();
            return 0;
        }

        private Path firstDevice() throws IOException {
            return new MachineReader(root)
                    .devices().stream()
                            .findFirst()
                            .map(d -> Path.of(d.device()))
                            .orElseThrow(() -> new PmemException("no pmem device: name one with --device, or boot with"
                                    + " a memmap= parameter (see webboot pmem plan)"));
        }
    }
}
