package dev.webboot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webboot.api.catalog.Catalog;
import dev.webboot.api.catalog.CatalogEntry;
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
import dev.webboot.net.bringup.NetworkBringUp;
import dev.webboot.net.bringup.NetworkConfiguration;
import dev.webboot.net.dhcp.DhcpSettings;
import dev.webboot.net.link.Ipv4Prefix;
import dev.webboot.net.link.LinkInfo;
import dev.webboot.net.link.Links;
import dev.webboot.net.link.Rtnetlink;
import dev.webboot.net.wifi.WifiNetwork;
import dev.webboot.net.wifi.WifiScanResult;
import dev.webboot.net.wifi.WpaSupplicant;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        WpaSupplicant supplicant =
                WpaSupplicant.start(options.wpaSupplicant, link.name(), options.wifiDriver, options.runDir);
        try {
            supplicant.connect(network, JOIN_TIMEOUT);
        } catch (IOException | RuntimeException e) {
            supplicant.close();
            throw e;
        }
        // wpa_supplicant must outlive the menu to keep the link associated while the download runs.
        supplicant.detach();
        NetworkConfiguration config = new NetworkBringUp(
                        Links.system(),
                        options.resolvConf,
                        DhcpSettings.defaults().withTimeout(DHCP_TIMEOUT),
                        Duration.ofSeconds(5))
                .dhcp(Optional.of(link.name()));
        return config.address()
                + config.router().map(r -> " via " + r.getHostAddress()).orElse("");
    }

    @Override
    public BootSummary boot(BootChoice choice, BootEvents events) throws IOException {
        BootRequest request = options.request(choice.entry().id(), catalogFor(choice));
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

    /**
     * The catalog the flow reads: the one given on the command line, or — when the user chose a mirror other than the
     * entry's first URL — a one-entry copy with that mirror first (the flow tries an entry's URL before its mirrors).
     */
    private Optional<String> catalogFor(BootChoice choice) throws IOException {
        CatalogEntry entry = choice.entry();
        if (choice.source().equals(entry.url())) {
            return Optional.ofNullable(options.net.catalog);
        }
        List<String> others = new ArrayList<>();
        others.add(entry.url().toString());
        entry.mirrors().stream().filter(m -> !m.equals(choice.source())).forEach(m -> others.add(m.toString()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", entry.id());
        json.put("name", entry.name());
        json.put("version", entry.version());
        json.put("arch", entry.arch());
        json.put("url", choice.source().toString());
        json.put("mirrors", others);
        entry.sums().ifPresent(u -> json.put("sums", u.toString()));
        entry.signature().ifPresent(u -> json.put("signature", u.toString()));
        json.put("signatureCovers", entry.signatureCovers().name().toLowerCase(Locale.ROOT));
        json.put("fingerprints", entry.fingerprints());
        json.put("keys", entry.keyResources());
        json.put("family", entry.family());
        json.put("minPmemBytes", entry.minPmemBytes());
        json.put("checked", entry.checked());
        json.put("notes", entry.notes());
        Path file = Files.createTempFile("webboot-menu-catalog", ".json");
        file.toFile().deleteOnExit();
        Files.write(file, new ObjectMapper().writeValueAsBytes(Map.of("schema", 1, "entries", List.of(json))));
        return Optional.of(file.toString());
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
