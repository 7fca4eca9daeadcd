package dev.webboot.cli;

import dev.webboot.api.catalog.Catalog;
import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootPlan;
import dev.webboot.boot.BootListener;
import dev.webboot.boot.BootOutcome;
import dev.webboot.boot.BootPhase;
import dev.webboot.boot.BootRequest;
import dev.webboot.boot.WebBoot;
import dev.webboot.cli.menu.BootChoice;
import dev.webboot.cli.menu.BootEvents;
import dev.webboot.cli.menu.BootSummary;
import dev.webboot.cli.menu.MenuBackend;
import dev.webboot.cli.menu.NetworkLink;
import dev.webboot.fetch.Fetcher;
import dev.webboot.fetch.Progress;
import dev.webboot.net.bringup.NetworkConfiguration;
import dev.webboot.net.dhcp.DhcpSettings;
import dev.webboot.net.link.Ipv4Prefix;
import dev.webboot.net.link.LinkInfo;
import dev.webboot.net.link.Links;
import dev.webboot.net.link.Rtnetlink;
import dev.webboot.net.wifi.WifiJoin;
import dev.webboot.net.wifi.WifiNetwork;
import dev.webboot.net.wifi.WifiScanResult;
import dev.webboot.net.wifi.WpaSupplicant;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The menu's view of the real machine: the catalog of the command line, rtnetlink, wpa_supplicant, the boot flow. */
final class SystemMenuBackend implements MenuBackend {
    private static final Duration SCAN_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DHCP_TIMEOUT = Duration.ofSeconds(20);

    private final MenuCommand options;

    SystemMenuBackend(MenuCommand options) {
        this.options = options;
    }

    @Override
    public Catalog catalog() throws IOException {
        return options.net.catalog(new Fetcher(options.net.downloader()));
    }

    @Override
    public List<NetworkLink> links() throws IOException {
        List<NetworkLink> result = new ArrayList<>();
        try (Rtnetlink rtnetlink = Rtnetlink.open()) {
            for (LinkInfo link : Links.system().list()) {
                String kind = link.wireless()
                        ? "wireless"
                        : link.wired() ? "wired" : link.type().equals("loopback") ? "loopback" : link.type();
                List<String> addresses = rtnetlink.addresses(link).stream()
                        .map(Ipv4Prefix::toString)
                        .toList();
                result.add(new NetworkLink(link.name(), kind, link.up(), link.carrier(), addresses));
            }
        }
        return result;
    }

    @Override
    public List<WifiScanResult> scan(String interfaceName) throws IOException {
        LinkInfo link = wifiLinkUp(interfaceName);
        try (WpaSupplicant supplicant =
                WpaSupplicant.start(options.wpaSupplicant, link.name(), options.wifiDriver, options.runDir)) {
            return supplicant.scan(SCAN_TIMEOUT);
        }
    }

    @Override
    public String connect(String interfaceName, WifiNetwork network) throws IOException {
        LinkInfo link = wifiLinkUp(interfaceName);
        NetworkConfiguration config = new WifiJoin(
                        options.wpaSupplicant,
                        options.wifiDriver,
                        options.runDir,
                        options.resolvConf,
                        JOIN_TIMEOUT,
                        DhcpSettings.defaults().withTimeout(DHCP_TIMEOUT))
                .join(link, network);
        return config.address()
                + config.router().map(r -> " via " + r.getHostAddress()).orElse("");
    }

    @Override
    public BootSummary boot(BootChoice choice, BootEvents events) throws IOException {
        BootRequest request = options.request(choice.entry().id(), Optional.ofNullable(options.net.catalog)).toBuilder()
                .mirrors(mirrorFor(choice))
                .build();
        String imageName = baseName(choice.source());
        WebBoot webboot = WebBoot.builder()
                .downloader(options.net.downloader())
                // The menu shows the phases itself; the boot log file keeps every line.
                .logEcho(line -> {})
                .build();
        BootOutcome outcome = webboot.boot(request, new BootListener() {
            @Override
            public void phase(BootPhase phase, String detail) {
                events.phase(phase.id(), detail);
            }

            @Override
            public void progress(Progress progress) {
                events.progress(imageName, progress);
            }

            @Override
            public void retry(String sentence) {
                events.retry(sentence);
            }

            @Override
            public void warning(String sentence) {
                events.warning(sentence);
            }

            @Override
            public int chooseEntry(BootPlan plan) {
                List<String> titles =
                        plan.entries().stream().map(BootEntry::title).toList();
                return events.chooseEntry(titles, BootListener.defaultEntryIndex(plan));
            }
        });
        List<String> details = new ArrayList<>();
        details.add("Kernel: " + outcome.entry().kernel());
        details.add("Initrd: " + String.join(" ", outcome.entry().initrds())
                + (outcome.injectedModules().isEmpty() ? "" : " + " + String.join(" ", outcome.injectedModules())));
        details.add("Verified: " + outcome.verification().verifiedBy());
        details.add("Image: " + outcome.image());
        outcome.logFile().ifPresent(log -> details.add("Boot log: " + log));
        return new BootSummary(outcome.entry().title(), outcome.cmdline(), details, outcome.executed());
    }

    /** The mirror the user chose, when it is not the entry's first URL: the flow then tries it first. */
    private static List<String> mirrorFor(BootChoice choice) {
        return choice.source().equals(choice.entry().url())
                ? List.of()
                : List.of(choice.source().toString());
    }

    private static String baseName(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() ? uri.toString() : name;
    }

    private LinkInfo wifiLinkUp(String interfaceName) throws IOException {
        LinkInfo link = Links.system().require(interfaceName);
        try (Rtnetlink rtnetlink = Rtnetlink.open()) {
            rtnetlink.setUp(link, true);
        }
        Files.createDirectories(options.runDir);
        return link;
    }
}
