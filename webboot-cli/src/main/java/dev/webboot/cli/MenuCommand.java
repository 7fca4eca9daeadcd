package dev.webboot.cli;

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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Override
    public Integer call() throws IOException {
        MenuSession session;
        int status;
        try (MenuView view = view()) {
            session = new MenuSession(new SystemMenuBackend(this), view, Failures::sentence);
            status = session.run();
        }
        session.failure().ifPresent(sentence -> spec.commandLine().getErr().println("webboot: " + sentence));
        return status;
    }

    private MenuView view() throws IOException {
        if (plain || !capableTerminal()) {
            PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            return new LineView(in, out, Optional.ofNullable(System.console()), ProgressBar::new);
        }
        return new TerminalView(TerminalBuilder.builder().system(true).build(), ProgressBar::new);
    }

    /** A terminal with cursor addressing: a console is attached and TERM names a real terminal type. */
    static boolean capableTerminal() {
        String term = Optional.ofNullable(System.getenv("TERM")).orElse("");
        return System.console() != null && !DUMB_TERMINALS.contains(term);
    }
}
