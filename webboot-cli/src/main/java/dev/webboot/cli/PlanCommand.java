package dev.webboot.cli;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.BootPlan;
import dev.webboot.api.plan.DriverPatch;
import dev.webboot.api.plan.DroppedEntry;
import dev.webboot.boot.RunningConsoles;
import dev.webboot.iso.Images;
import dev.webboot.iso.MalformedImageException;
import dev.webboot.iso.iso9660.Iso9660FileSystem;
import dev.webboot.plan.BootPlanner;
import dev.webboot.plan.NoBootEntryException;
import dev.webboot.plan.drivers.DriverInjector;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code webboot plan}: what the distribution's own boot menu says to boot, adapted to the medium. */
@Command(
        name = "plan",
        description = "Plan the kexec of a live ISO: its menu's entries with the command line adapted to the medium;"
                + " 'boot adds' (JSON bootAdds) names the running kernel's console= that boot puts after it.")
final class PlanCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(
            paramLabel = "IMAGE",
            description = "The ISO: a file, a block device such as /dev/pmem0, or OUTER!/path.")
    private String image;

    @Option(
            names = "--medium",
            paramLabel = "pmem|file",
            defaultValue = "pmem",
            description = "pmem (default): the ISO is the whole block device --device; file: the ISO is --iso-path on"
                    + " the file system --iso-uuid.")
    private String medium;

    @Option(
            names = "--device",
            paramLabel = "DEVICE",
            defaultValue = BootMedium.DEFAULT_DEVICE,
            description = "The pmem device (default ${DEFAULT-VALUE}).")
    private String device;

    @Option(names = "--iso-path", paramLabel = "/P", description = "The ISO's path on its file system (--medium file).")
    private String isoPath;

    @Option(names = "--iso-uuid", paramLabel = "U", description = "That file system's UUID (--medium file).")
    private String isoUuid;

    @Option(names = "--json", description = "One JSON object.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        BootMedium bootMedium = medium();
        BootPlan plan;
        List<Boolean> modulesFound = new ArrayList<>();
        try (Iso9660FileSystem fs = Iso9660FileSystem.open(Images.open(image))) {
            plan = BootPlanner.standard().plan(fs, bootMedium);
            // Whether the ISO's root file system has what each patch needs: said now, not after a kexec.
            // Menus repeat one kernel in many entries: each distinct patch is looked up once.
            DriverInjector injector = DriverInjector.forImage(fs.getPath("/"));
            Map<DriverPatch, Boolean> found = new HashMap<>();
            for (BootEntry entry : plan.entries()) {
                if (entry.patch().isEmpty()) {
                    modulesFound.add(true);
                } else {
                    Boolean known = found.get(entry.patch().get());
                    if (known == null) {
                        known = injector.modulesFound(entry);
                        found.put(entry.patch().get(), known);
                    }
                    modulesFound.add(known);
                }
            }
        } catch (MalformedImageException e) {
            if (e.source().startsWith("/") && !e.source().startsWith(image)) {
                // A boot configuration inside the image (not the image itself, which an absolute IMAGE also names
                // with a leading "/"): name it the way the command line names inner files.
                throw new MalformedImageException(image + "!" + e.source(), e.offset(), e.problem());
            }
            throw e;
        } catch (NoBootEntryException e) {
            throw new NoBootEntryException(image + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        // boot puts the running kernel's consoles after the plan's command line: said here, so plan shows all it
        // passes.
        List<String> consoles = RunningConsoles.of(RunningConsoles.runningCommandLine());
        if (json) {
            out.println(toJson(plan, modulesFound).put("bootAdds", consoles));
        } else {
            printText(out, plan, modulesFound, consoles);
        }
        out.flush();
        return 0;
    }

    private BootMedium medium() {
        switch (medium) {
            case "pmem":
                return new BootMedium.Pmem(device);
            case "file":
                if (isoPath == null || isoUuid == null) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(), "--medium file needs --iso-path and --iso-uuid");
                }
                if (!isoPath.startsWith("/")) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(), "--iso-path must be absolute: " + isoPath);
                }
                try {
                    BootMedium.IsoFile.checkPath(isoPath);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--iso-path: " + e.getMessage());
                }
                return new BootMedium.IsoFile(isoPath, isoUuid);
            default:
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--medium must be pmem or file, not " + medium);
        }
    }

    /** The plan as JSON; {@code modulesFound} holds, per entry, whether its patch's modules are in the ISO. */
    static JsonLine toJson(BootPlan plan, List<Boolean> modulesFound) {
        List<JsonLine> entries = new ArrayList<>();
        for (int i = 0; i < plan.entries().size(); i++) {
            BootEntry entry = plan.entries().get(i);
            boolean found = modulesFound.get(i);
            entries.add(JsonLine.object()
                    .put("title", entry.title())
                    .put("kernel", entry.kernel())
                    .put("initrds", entry.initrds())
                    .put("cmdline", entry.cmdline())
                    .put("default", entry.isDefault())
                    .put("patch", entry.patch().map(p -> patchJson(p, found)).orElse(null)));
        }
        List<JsonLine> dropped = new ArrayList<>();
        for (DroppedEntry left : plan.dropped()) {
            dropped.add(JsonLine.object()
                    .put("configuration", left.configuration())
                    .put("title", left.title())
                    .put("reason", left.reason()));
        }
        return JsonLine.object()
                .put("family", plan.family())
                .put("label", plan.label())
                .put("configuration", plan.configuration())
                .put("entries", entries)
                .put("dropped", dropped);
    }

    private static Map<String, Object> patchJson(DriverPatch patch, boolean modulesFound) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("modules", patch.modules());
        out.put("kernelVersion", patch.kernelVersion());
        out.put("hook", patch.hook().id());
        out.put("modulesFound", modulesFound);
        return out;
    }

    private static void printText(PrintWriter out, BootPlan plan, List<Boolean> modulesFound, List<String> consoles) {
        out.println("family: " + plan.family());
        out.println("label: " + plan.label());
        out.println("configuration: " + plan.configuration());
        for (int i = 0; i < plan.entries().size(); i++) {
            BootEntry entry = plan.entries().get(i);
            boolean found = modulesFound.get(i);
            out.println("entry " + i + (entry.isDefault() ? " (default)" : "") + ": " + entry.title());
            out.println("  kernel: " + entry.kernel());
            out.println("  initrds: " + String.join(" ", entry.initrds()));
            out.println("  cmdline: " + entry.cmdline());
            List<String> added = consoles.stream()
                    .filter(console -> !entry.parsedCmdline().parameters().contains(console))
                    .toList();
            if (!added.isEmpty()) {
                out.println("  boot adds: " + String.join(" ", added) + " (the running kernel's console)");
            }
            entry.patch()
                    .ifPresent(patch -> out.println("  patch: " + String.join(" ", patch.modules())
                            + (patch.kernelVersion().isEmpty() ? "" : " for " + patch.kernelVersion()) + " via "
                            + patch.hook().id() + " hook"
                            + (found ? "" : " (modules NOT in the ISO: boot it with --medium file)")));
        }
        for (DroppedEntry left : plan.dropped()) {
            out.println("left out: \"" + left.title() + "\" of " + left.configuration() + ": " + left.reason());
        }
    }
}
