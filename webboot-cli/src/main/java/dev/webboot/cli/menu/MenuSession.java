package dev.webboot.cli.menu;

import dev.webboot.api.catalog.Catalog;
import dev.webboot.api.catalog.CatalogEntry;
import dev.webboot.fetch.Progress;
import dev.webboot.net.wifi.Secret;
import dev.webboot.net.wifi.WifiNetwork;
import dev.webboot.net.wifi.WifiScanResult;
import dev.webboot.net.wifi.WifiSecurity;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The menu as a state machine: distribution → mirror (when the entry has several) → network (with Wi-Fi when there
 * is no wired address) → boot (progress, then the boot entry) → the result. Every failure is shown as a screen
 * offering retry, back, or leaving for a shell. It talks to the person only through a {@link MenuView} and to the
 * machine only through a {@link MenuBackend}, so tests drive it with scripted ones.
 */
public final class MenuSession {
    /** The exit status when the user leaves for a shell after a failure (the contract's "any other failure"). */
    public static final int EXIT_SHELL = 1;

    /** Where the session is. */
    enum Step {
        DISTRO,
        MIRROR,
        NETWORK,
        WIFI,
        PASSPHRASE,
        BOOT
    }

    /** What the user wants after a failure. */
    enum Recovery {
        RETRY,
        BACK,
        SHELL
    }

    private final MenuBackend backend;
    private final MenuView view;
    private final Function<Throwable, String> sentences;
    private final List<Step> visited = new ArrayList<>();

    private Step step = Step.DISTRO;
    private Optional<Catalog> catalog = Optional.empty();
    private CatalogEntry entry;
    private URI source;
    private String wifiInterface = "";
    private List<WifiScanResult> scanResults = List.of();
    private WifiScanResult wifiNetwork;
    private Optional<String> failure = Optional.empty();

    /**
     * @param sentences turns a failure into the one plain sentence shown (and printed when the user leaves)
     */
    public MenuSession(MenuBackend backend, MenuView view, Function<Throwable, String> sentences) {
        this.backend = backend;
        this.view = view;
        this.sentences = sentences;
    }

    /** Runs the menu until the user leaves or a dry run ends; returns the exit status. */
    public int run() {
        while (true) {
            visited.add(step);
            OptionalInt exit =
                    switch (step) {
                        case DISTRO -> distro();
                        case MIRROR -> mirror();
                        case NETWORK -> network();
                        case WIFI -> wifi();
                        case PASSPHRASE -> passphrase();
                        case BOOT -> boot();
                    };
            if (exit.isPresent()) {
                return exit.getAsInt();
            }
        }
    }

    /** The steps in the order they were shown (for tests). */
    List<Step> visited() {
        return List.copyOf(visited);
    }

    /** The failure the user left the menu with, as one sentence. */
    public Optional<String> failure() {
        return failure;
    }

    private static final OptionalInt STAY = OptionalInt.empty();

    private OptionalInt distro() {
        if (catalog.isEmpty()) {
            try {
                catalog = Optional.of(backend.catalog());
            } catch (Exception e) {
                return switch (recover("The catalog could not be read", e, false)) {
                    case RETRY, BACK -> STAY;
                    case SHELL -> OptionalInt.of(EXIT_SHELL);
                };
            }
        }
        List<CatalogEntry> entries = catalog.get().entries();
        List<String> options = new ArrayList<>();
        for (CatalogEntry e : entries) {
            options.add(String.format(
                    Locale.ROOT,
                    "%-30s %-12s %10s  %s",
                    e.name(),
                    e.version(),
                    e.minPmemBytes() > 0 ? Sizes.bytes(e.minPmemBytes()) : "?",
                    e.verification()));
        }
        options.add("Quit");
        List<String> lines = List.of(
                "Catalog: " + catalog.get().source(),
                String.format(
                        Locale.ROOT, "       %-30s %-12s %10s  %s", "name", "version", "RAM disk", "verified by"));
        int initial = entry == null ? 0 : Math.max(0, entries.indexOf(entry));
        int chosen = view.choose(new Screen("Choose a distribution", lines, options, initial, options.size() - 1));
        if (chosen == entries.size()) {
            return OptionalInt.of(0);
        }
        entry = entries.get(chosen);
        source = entry.url();
        step = entry.mirrors().isEmpty() ? Step.NETWORK : Step.MIRROR;
        return STAY;
    }

    private OptionalInt mirror() {
        List<URI> sources = new ArrayList<>();
        sources.add(entry.url());
        sources.addAll(entry.mirrors());
        List<String> options = new ArrayList<>();
        for (URI uri : sources) {
            options.add(uri.getHost() == null ? uri.toString() : uri.getHost() + "  " + uri);
        }
        options.add("Back");
        int chosen = view.choose(new Screen(
                "Choose a mirror for " + entry.name(),
                List.of("Every mirror's image is verified the same way (" + entry.verification() + ")."),
                options,
                Math.max(0, sources.indexOf(source)),
                options.size() - 1));
        if (chosen == sources.size()) {
            step = Step.DISTRO;
        } else {
            source = sources.get(chosen);
            step = Step.NETWORK;
        }
        return STAY;
    }

    private OptionalInt network() {
        List<NetworkLink> links;
        try {
            links = backend.links();
        } catch (Exception e) {
            return switch (recover("The network interfaces could not be read", e, true)) {
                case RETRY -> STAY;
                case BACK -> back(Step.DISTRO);
                case SHELL -> OptionalInt.of(EXIT_SHELL);
            };
        }
        List<String> lines = new ArrayList<>();
        for (NetworkLink link : links) {
            lines.add(String.format(
                    Locale.ROOT,
                    "%-12s %-9s %-5s %-10s %s",
                    link.name(),
                    link.kind(),
                    link.up() ? "up" : "down",
                    link.carrier() ? "carrier" : "no carrier",
                    link.addresses().isEmpty() ? "no address" : String.join(" ", link.addresses())));
        }
        boolean wiredAddress =
                links.stream().anyMatch(l -> l.wired() && !l.addresses().isEmpty());
        List<String> wireless = wiredAddress
                ? List.of()
                : links.stream()
                        .filter(NetworkLink::wireless)
                        .map(NetworkLink::name)
                        .toList();
        if (wiredAddress) {
            lines.add("A wired link has an address: the download uses it.");
        } else if (wireless.isEmpty()) {
            lines.add("No wired address and no Wi-Fi interface: the boot will try DHCP on a wired link.");
        } else {
            lines.add("No wired address: choose Wi-Fi, or continue and the boot will try DHCP on a wired link.");
        }
        List<String> options = new ArrayList<>();
        options.add("Continue: download and boot " + entry.name());
        for (String name : wireless) {
            options.add("Wi-Fi on " + name + ": scan for networks");
        }
        options.add("Refresh");
        options.add("Back");
        int chosen = view.choose(new Screen("Network", lines, options, 0, options.size() - 1));
        if (chosen == 0) {
            step = Step.BOOT;
        } else if (chosen <= wireless.size()) {
            wifiInterface = wireless.get(chosen - 1);
            scanResults = List.of();
            step = Step.WIFI;
        } else if (chosen == options.size() - 1) {
            step = entry.mirrors().isEmpty() ? Step.DISTRO : Step.MIRROR;
        }
        return STAY;
    }

    private OptionalInt wifi() {
        if (scanResults.isEmpty()) {
            view.begin("Wi-Fi on " + wifiInterface);
            view.say("Scanning for networks...");
            try {
                scanResults = backend.scan(wifiInterface).stream()
                        .filter(r -> !r.ssid().isEmpty())
                        .toList();
            } catch (Exception e) {
                return switch (recover("The Wi-Fi scan failed", e, true)) {
                    case RETRY -> STAY;
                    case BACK -> back(Step.NETWORK);
                    case SHELL -> OptionalInt.of(EXIT_SHELL);
                };
            }
        }
        List<String> options = new ArrayList<>();
        for (WifiScanResult r : scanResults) {
            options.add(String.format(
                    Locale.ROOT,
                    "%-32s %4d dBm  %s",
                    r.ssid(),
                    r.signal(),
                    r.security().cliName()));
        }
        options.add("Scan again");
        options.add("Back");
        List<String> lines = scanResults.isEmpty() ? List.of("No network answered the scan.") : List.of();
        int chosen =
                view.choose(new Screen("Wi-Fi networks on " + wifiInterface, lines, options, 0, options.size() - 1));
        if (chosen < scanResults.size()) {
            wifiNetwork = scanResults.get(chosen);
            step = Step.PASSPHRASE;
        } else if (chosen == scanResults.size()) {
            scanResults = List.of();
        } else {
            step = Step.NETWORK;
        }
        return STAY;
    }

    private OptionalInt passphrase() {
        WifiSecurity security = wifiNetwork.security();
        String ssid = wifiNetwork.ssid();
        String identity = "";
        Secret secret = Secret.of("");
        if (security == WifiSecurity.WPA2_EAP_PEAP) {
            identity = view.ask("Wi-Fi: " + ssid, "Identity (empty: back): ", false);
            if (identity.isEmpty()) {
                return back(Step.WIFI);
            }
        }
        if (security != WifiSecurity.OPEN) {
            String typed = view.ask(
                    "Wi-Fi: " + ssid,
                    security == WifiSecurity.WPA2_EAP_PEAP ? "Password (empty: back): " : "Passphrase (empty: back): ",
                    true);
            if (typed.isEmpty()) {
                return back(Step.WIFI);
            }
            secret = Secret.of(typed);
        }
        view.begin("Wi-Fi: " + ssid);
        view.say("Joining " + ssid + " on " + wifiInterface + ", then asking DHCP for an address...");
        try {
            WifiNetwork network = new WifiNetwork(ssid, security, identity, secret);
            String address = backend.connect(wifiInterface, network);
            view.say(wifiInterface + ": " + address);
            step = Step.NETWORK;
            return STAY;
        } catch (Exception e) {
            return switch (recover("Wi-Fi: could not join " + ssid, e, true)) {
                case RETRY -> STAY;
                case BACK -> back(Step.WIFI);
                case SHELL -> OptionalInt.of(EXIT_SHELL);
            };
        }
    }

    private OptionalInt boot() {
        view.begin("Booting " + entry.name() + " " + entry.version());
        view.say("From " + source);
        BootSummary summary;
        try {
            summary = backend.boot(new BootChoice(entry, source), new Events());
        } catch (Exception e) {
            if (leftForMenu(e)) {
                return back(Step.DISTRO);
            }
            return switch (recover("The boot of " + entry.name() + " failed", e, true)) {
                case RETRY -> STAY;
                case BACK -> back(Step.DISTRO);
                case SHELL -> OptionalInt.of(EXIT_SHELL);
            };
        }
        List<String> lines = new ArrayList<>();
        lines.add("Entry: " + summary.entryTitle());
        lines.add("Command line: " + summary.cmdline());
        lines.addAll(summary.details());
        lines.add(summary.executed() ? "The kexec was executed." : "Dry run: nothing was loaded or executed.");
        int chosen = view.choose(new Screen(
                summary.executed() ? "Booted " + entry.name() : "Dry run of " + entry.name() + " finished",
                lines,
                List.of("Exit", "Back to the distributions"),
                0,
                0));
        if (chosen == 0) {
            return OptionalInt.of(0);
        }
        return back(Step.DISTRO);
    }

    private static boolean leftForMenu(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BackToMenuException) {
                return true;
            }
        }
        return false;
    }

    private OptionalInt back(Step to) {
        step = to;
        return STAY;
    }

    /** Shows the failure in place and asks what next; remembers the sentence in case the user leaves. */
    private Recovery recover(String title, Throwable e, boolean canGoBack) {
        String sentence = sentences.apply(e);
        List<String> options = new ArrayList<>();
        options.add("Retry");
        if (canGoBack) {
            options.add("Back");
        }
        options.add("Leave the menu for a shell (exit status " + EXIT_SHELL + ")");
        int chosen = view.choose(
                new Screen(title, List.of("webboot: " + sentence), options, 0, canGoBack ? 1 : options.size() - 1));
        Recovery recovery = chosen == 0 ? Recovery.RETRY : canGoBack && chosen == 1 ? Recovery.BACK : Recovery.SHELL;
        failure = recovery == Recovery.SHELL ? Optional.of(sentence) : Optional.empty();
        return recovery;
    }

    /** The boot flow's news, shown on the boot screen; the entry list is a screen of its own. */
    private final class Events implements BootEvents {
        @Override
        public void phase(String phase, String detail) {
            view.say(detail.isEmpty() ? phase : phase + ": " + detail);
        }

        @Override
        public void progress(String name, Progress progress) {
            view.progress(name, progress);
        }

        @Override
        public int chooseEntry(List<String> titles, int defaultIndex) {
            List<String> options = new ArrayList<>();
            for (int i = 0; i < titles.size(); i++) {
                options.add(titles.get(i) + (i == defaultIndex ? "  (default)" : ""));
            }
            options.add("Back to the distributions (boot nothing)");
            int chosen = view.choose(new Screen(
                    "Choose a boot entry of " + entry.name(),
                    List.of(),
                    options,
                    Math.max(0, Math.min(defaultIndex, titles.size() - 1)),
                    options.size() - 1));
            if (chosen == titles.size()) {
                throw new BackToMenuException();
            }
            view.begin("Booting " + titles.get(chosen));
            return chosen;
        }

        @Override
        public void retry(String sentence) {
            view.say("retrying: " + sentence);
        }

        @Override
        public void warning(String sentence) {
            view.say("warning: " + sentence);
        }
    }
}
