package dev.webboot.cli;

import dev.webboot.boot.BootRequest;
import dev.webboot.cli.menu.LineView;
import dev.webboot.cli.menu.MenuSession;
import dev.webboot.cli.menu.MenuView;
import dev.webboot.cli.menu.TerminalView;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code webboot menu} (and {@code webboot} alone on a terminal): choose a distribution, a mirror, the network and a
 * boot entry interactively, then boot. Arrow keys on a capable terminal; numbered lists on a serial console.
 */
@Command(
        name = "menu",
        mixinStandardHelpOptions = true,
        description = "Choose a distribution, a mirror, Wi-Fi and a boot entry interactively, then boot it."
                + " Numbered lists on a dumb terminal or serial console.")
final class MenuCommand implements Callable<Integer> {
    /** The terminal types that get numbered lists instead of a redrawn screen. */
    private static final Set<String> DUMB_TERMINALS = Set.of("", "dumb", "unknown");

    @Spec
    CommandSpec spec;

    @Mixin
    NetOptions net;

    @Mixin
    BootTargetOptions target;

    @Option(names = "--plain", description = "Numbered lists and whole lines even on a capable terminal.")
    boolean plain;

    @Option(
            names = "--wpa-supplicant",
            paramLabel = "PATH",
            defaultValue = "/usr/sbin/wpa_supplicant",
            description = "The wpa_supplicant program for Wi-Fi (default: ${DEFAULT-VALUE}).")
    Path wpaSupplicant;

    @Option(
            names = "--wifi-driver",
            paramLabel = "DRIVER",
            defaultValue = "nl80211,wext",
            description = "wpa_supplicant's driver (default: ${DEFAULT-VALUE}).")
    String wifiDriver;

    @Option(
            names = "--run-dir",
            paramLabel = "DIR",
            defaultValue = "/run/webboot",
            description = "Where wpa_supplicant's control socket lives (default: ${DEFAULT-VALUE}).")
    Path runDir;

    @Option(
            names = "--resolv-conf",
            paramLabel = "FILE",
            defaultValue = "/etc/resolv.conf",
            description = "Where DHCP's DNS servers are written (default: ${DEFAULT-VALUE}).")
    Path resolvConf;

    @Option(names = "--insecure", description = "Accept a missing signature or checksum (shown as a warning).")
    boolean insecure;

    @Option(
            names = "--keyring",
            paramLabel = "FILE",
            description = "OpenPGP keys to trust besides the catalog's shipped keys (repeatable).")
    List<Path> keyrings = new ArrayList<>();

    /** The boot flow's request for catalog entry {@code id}, with this command's options. */
    BootRequest request(String id, Optional<String> catalogFile) {
        CommandLine cli = spec.commandLine();
        if (target.medium(cli) == BootRequest.Medium.FILE && target.cache.isEmpty()) {
            // The menu boots downloads: with the file medium they must land in a cache the booted system mounts.
            throw new ParameterException(cli, "--medium file needs --cache DIR");
        }
        BootRequest.Builder builder = target.applyTo(BootRequest.builder(id), cli)
                .insecure(insecure)
                .keyrings(keyrings)
                .catalogKeyrings(net.catalogKeyrings);
        catalogFile.ifPresent(builder::catalog);
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws IOException {
        // Contradicting options are a usage error before the menu opens, not a failure after a download.
        request("menu", Optional.empty());
        MenuSession session;
        int status;
        boolean inputEnded;
        try (MenuView view = view()) {
            session = new MenuSession(new SystemMenuBackend(this), view, Failures::sentence);
            status = session.run();
            inputEnded = view.inputEnded();
        }
        session.failure().ifPresent(sentence -> spec.commandLine().getErr().println("webboot: " + sentence));
        if (inputEnded && session.failure().isEmpty()) {
            spec.commandLine().getErr().println("webboot: standard input ended before a choice was made");
            return 1;
        }
        return status;
    }

    private MenuView view() throws IOException {
        if (!plain && capableTerminal()) {
            Terminal terminal =
                    TerminalBuilder.builder().system(true).dumb(true).build();
            // JLine falls back to a dumb terminal when it cannot drive this one (no stty, no native access).
            if (!terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
                return new TerminalView(terminal, ProgressBar::new);
            }
            terminal.close();
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return new LineView(in, out, Optional.ofNullable(System.console()), ProgressBar::new);
    }

    /** A terminal with cursor addressing: a console is attached and TERM names a real terminal type. */
    static boolean capableTerminal() {
        String term = Optional.ofNullable(System.getenv("TERM")).orElse("");
        return System.console() != null && !DUMB_TERMINALS.contains(term);
    }
}
