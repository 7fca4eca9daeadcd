package dev.webboot.examples;

import dev.webboot.api.plan.BootPlan;
import dev.webboot.boot.BootException;
import dev.webboot.boot.BootListener;
import dev.webboot.boot.BootOutcome;
import dev.webboot.boot.BootPhase;
import dev.webboot.boot.BootRequest;
import dev.webboot.boot.WebBoot;
import dev.webboot.fetch.Progress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Embedding the whole boot: a program (a kiosk, an installer, a test rig) that boots a signed live ISO from the web in
 * a few lines, shows the phases and the download, lets the user pick the entry, and prints what it would boot.
 *
 * <pre>{@code
 * java -cp ... dev.webboot.examples.EmbeddedBoot https://example.org/live.iso https://example.org/SHA256SUMS \
 *     https://example.org/SHA256SUMS.gpg example.gpg /dev/pmem0
 * }</pre>
 *
 * <p>It stops before the kexec ({@code dryRun}); drop that line and the machine runs the ISO's kernel.
 */
public final class EmbeddedBoot {
    private EmbeddedBoot() {}

    /** Boots {@code request} as a dry run, reporting to {@code out}; returns the outcome. */
    public static BootOutcome dryRun(WebBoot webboot, BootRequest request, PrintStream out) throws BootException {
        BootListener listener = new BootListener() {
            @Override
            public void phase(BootPhase phase, String detail) {
                out.println("[" + phase.id() + "] " + detail);
            }

            @Override
            public void progress(Progress progress) {
                // A real program would draw a bar; a line per call is enough here.
                out.println("  " + progress.bytes() + " bytes");
            }

            @Override
            public int chooseEntry(BootPlan plan) {
                // A menu would ask; this one takes the default, as webboot does.
                return BootListener.defaultEntryIndex(plan);
            }
        };
        BootOutcome outcome = webboot.boot(request.withDryRun(true), listener);
        out.println("would boot " + outcome.entry().title() + " with: " + outcome.cmdline());
        out.println("verified by " + outcome.verification().verifiedBy());
        return outcome;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: EmbeddedBoot ISO_URL SUMS_URL SIG_URL KEYRING DEVICE");
            System.exit(2);
        }
        BootRequest request = BootRequest.builder(args[0])
                .sums(args[1])
                .signature(args[2])
                .keyrings(List.of(Path.of(args[3])))
                .device(Path.of(args[4]))
                .build();
        try {
            dryRun(WebBoot.builder().build(), request, System.out);
        } catch (BootException e) {
            System.err.println("boot failed in " + e.phase().id() + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
