package dev.webboot.cli;

import dev.webboot.api.catalog.Catalog;
import dev.webboot.cli.menu.BootChoice;
import dev.webboot.cli.menu.BootEvents;
import dev.webboot.cli.menu.BootSummary;
import dev.webboot.cli.menu.MenuBackend;
import dev.webboot.cli.menu.NetworkLink;
import dev.webboot.net.Fetcher;
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
        throw new IOException("the boot flow is not part of this build yet");
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
