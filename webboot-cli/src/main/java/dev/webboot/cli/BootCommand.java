package dev.webboot.cli;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.boot.BootListener;
import dev.webboot.boot.BootOutcome;
import dev.webboot.boot.BootPhase;
import dev.webboot.boot.BootRequest;
import dev.webboot.boot.PhaseTiming;
import dev.webboot.boot.UnknownDistroException;
import dev.webboot.boot.WebBoot;
import dev.webboot.fetch.Cancellation;
import dev.webboot.fetch.Progress;
import dev.webboot.fetch.ProgressListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code webboot boot DISTRO|URL|FILE}: the whole flow, from the web to the distribution's kernel. */
@Command(
        name = "boot",
        mixinStandardHelpOptions = true,
        description = "Fetch, verify and boot a live ISO: a catalog distro id, a URL, or a local file. The ISO goes"
                + " into the pmem device (or, with --cache and --medium file, stays a file on a disk), its own boot"
                + " menu is planned, and its kernel is kexec'd.")
final class BootCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DISTRO|URL|FILE", description = "A catalog id, an http(s) URL, or a file.")
    String source;

    @Option(
            names = "--entry",
            paramLabel = "N",
            description = "Boot entry N of the plan (default: the menu's default).")
    Integer entry;

    @Option(names = "--json", description = "Print the outcome as one JSON object on stdout.")
    boolean json;

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress bar.")
    boolean quiet;

    @Mixin
    BootTargetOptions target;

    @Mixin
    EvidenceOptions evidence;

    @Mixin
    NetOptions net;

    @Override
    public Integer call() throws Exception {
        BootRequest request = request();
        PrintWriter err = spec.commandLine().getErr();
        Cancellation cancellation = new Cancellation();
        WebBoot webboot = WebBoot.builder()
                .downloader(net.downloader(evidence.maxBytes()))
                .logEcho(line -> {
                    if (line.startsWith("FAILED in ")) {
                        return; // the failure is printed once, by Cli, as the last line (the log file keeps it too)
                    }
                    err.println("webboot: " + line);
                    err.flush();
                })
                .cancellation(cancellation)
                .build();
        Thread hook = new Thread(cancellation::cancel, "webboot-boot-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        BootOutcome outcome;
        try {
            outcome = webboot.boot(request, new Listener(err));
        } catch (UnknownDistroException e) {
            // A distro id the catalog does not have is a wrong argument, as for webboot fetch.
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook has run
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(outcome));
        } else if (outcome.dryRun()) {
            printText(out, outcome);
        }
        out.flush();
        return 0;
    }

    /**
     * This command's own words: picocli gives every subcommand the whole command line ({@code [-v, boot, X, ...]}),
     * and webboot's second instance runs {@code webboot boot} with what followed the command's name.
     */
    static List<String> ownArguments(CommandLine cli) {
        List<String> all = cli.getParseResult().originalArgs();
        int name = all.indexOf(cli.getCommandName());
        return name < 0 ? List.of() : List.copyOf(all.subList(name + 1, all.size()));
    }

    private BootRequest request() {
        CommandLine cli = spec.commandLine();
        evidence.validate(cli);
        BootRequest.Builder builder = target.applyTo(BootRequest.builder(source), cli)
                .insecure(evidence.insecure)
                .keyrings(evidence.keyrings)
                .mirrors(evidence.mirrors)
                .catalogKeyrings(net.catalogKeyrings)
                .arguments(ownArguments(cli));
        if (entry != null) {
            if (entry < 0) {
                throw new CommandLine.ParameterException(cli, "--entry must not be negative: " + entry);
            }
            builder.entry(entry);
        }
        if (evidence.sha256 != null) {
            builder.sha256(evidence.sha256);
        }
        if (evidence.sums != null) {
            builder.sums(evidence.sums);
        }
        if (evidence.signature != null) {
            builder.signature(evidence.signature);
        }
        if (net.catalog != null) {
            builder.catalog(net.catalog);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
    }

    /** Shows progress on stderr; the boot log already echoes each phase there. */
    private final class Listener implements BootListener {
        private final PrintWriter err;
        private ProgressListener bar = ProgressListener.NONE;

        Listener(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void phase(BootPhase phase, String detail) {
            if (!quiet && (phase == BootPhase.FETCH || phase == BootPhase.STAGE)) {
                bar = new ProgressBar(err, phase.id(), ProgressBar.stderrIsTerminal());
            } else {
                bar = ProgressListener.NONE;
            }
        }

        @Override
        public void progress(Progress progress) {
            bar.onProgress(progress);
        }
    }

    static JsonLine toJson(BootOutcome outcome) {
        BootEntry entry = outcome.entry();
        JsonLine line = JsonLine.object()
                .put("source", outcome.verification().source())
                .put("size", outcome.verification().size())
                .put("sha256", outcome.verification().sha256())
                .put("verified", outcome.verification().verifiedBy())
                .put("signer", outcome.verification().signerFingerprint().orElse(null))
                .put("insecure", outcome.verification().insecure())
                .put("cached", outcome.verification().reused())
                .put("image", outcome.image().toString())
                .put("family", outcome.plan().family())
                .put("label", outcome.plan().label())
                .put("entry", outcome.entryIndex())
                .put("title", entry.title())
                .put("kernel", entry.kernel())
                .put("initrds", entry.initrds())
                .put("cmdline", outcome.cmdline())
                .put("initrdBytes", outcome.initrdBytes())
                .put("injectedModules", outcome.injectedModules());
        if (outcome.medium() instanceof BootMedium.Pmem pmem) {
            line.put("medium", "pmem").put("device", pmem.device());
        } else if (outcome.medium() instanceof BootMedium.IsoFile file) {
            line.put("medium", "file").put("isoPath", file.isoPath()).put("isoUuid", file.filesystemUuid());
        }
        Map<String, Object> timings = new LinkedHashMap<>();
        for (PhaseTiming timing : outcome.timings()) {
            timings.merge(timing.phase().id(), timing.duration().toMillis(), (a, b) -> (Long) a + (Long) b);
        }
        return line.put("timingsMillis", timings)
                .put("dryRun", outcome.dryRun())
                .put("executed", outcome.executed())
                .put("log", outcome.logFile().map(Path::toString).orElse(null));
    }

    private static void printText(PrintWriter out, BootOutcome outcome) {
        out.println("would boot entry " + outcome.entryIndex() + ": "
                + outcome.entry().title());
        out.println("  family: " + outcome.plan().family() + ", label: "
                + outcome.plan().label());
        out.println("  kernel: " + outcome.entry().kernel());
        out.println("  initrds: " + String.join(" ", outcome.entry().initrds())
                + (outcome.injectedModules().isEmpty() ? "" : " + " + String.join(" ", outcome.injectedModules())));
        out.println("  cmdline: " + outcome.cmdline());
        out.println(
                "  image: " + outcome.image() + " (" + outcome.verification().size() + " bytes, sha256 "
                        + outcome.verification().sha256() + ")");
        out.println("  verified by: " + outcome.verification().verifiedBy());
        for (int i = 0; i < outcome.plan().entries().size(); i++) {
            BootEntry other = outcome.plan().entries().get(i);
            out.println(
                    String.format(Locale.ROOT, "  %s %d: %s", i == outcome.entryIndex() ? "*" : " ", i, other.title()));
        }
    }
}
