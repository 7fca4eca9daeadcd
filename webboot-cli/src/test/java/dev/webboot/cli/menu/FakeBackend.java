package dev.webboot.cli.menu;

import dev.webboot.api.catalog.Catalog;
import dev.webboot.api.catalog.CatalogEntry;
import dev.webboot.api.catalog.SignatureTarget;
import dev.webboot.fetch.Progress;
import dev.webboot.net.wifi.WifiNetwork;
import dev.webboot.net.wifi.WifiScanResult;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** A machine for the state machine's tests: a two-entry catalog, links that change when Wi-Fi connects. */
final class FakeBackend implements MenuBackend {
    static final CatalogEntry DEBIAN = entry("debian-live", "Debian Live", List.of());
    static final CatalogEntry FEDORA = entry(
            "fedora",
            "Fedora Workstation",
            List.of(URI.create("https://mirror.one/fedora.iso"), URI.create("https://mirror.two/fedora.iso")));

    List<NetworkLink> links = new ArrayList<>(List.of(
            new NetworkLink("lo", "loopback", true, true, List.of("127.0.0.1/8")),
            new NetworkLink("eth0", "wired", true, true, List.of("10.0.2.15/24"))));
    List<WifiScanResult> scan = List.of();
    final List<BootChoice> boots = new ArrayList<>();
    final List<Integer> entriesChosen = new ArrayList<>();
    final List<WifiNetwork> joined = new ArrayList<>();
    final Deque<Exception> bootFailures = new ArrayDeque<>();
    List<String> entryTitles = List.of("Live system", "Live system (failsafe)");
    int defaultEntry = 0;

    private static CatalogEntry entry(String id, String name, List<URI> mirrors) {
        return new CatalogEntry(
                id,
                name,
                "1.0",
                "x86_64",
                URI.create("https://example.org/" + id + ".iso"),
                mirrors,
                Optional.of(URI.create("https://example.org/SHA256SUMS")),
                Optional.of(URI.create("https://example.org/SHA256SUMS.sign")),
                SignatureTarget.SUMS,
                List.of(),
                List.of(),
                "live-boot",
                3L << 30,
                "",
                "");
    }

    @Override
    public Catalog catalog() {
        return new Catalog(1, "test catalog", List.of(DEBIAN, FEDORA));
    }

    @Override
    public List<NetworkLink> links() {
        return List.copyOf(links);
    }

    @Override
    public List<WifiScanResult> scan(String interfaceName) {
        return scan;
    }

    @Override
    public String connect(String interfaceName, WifiNetwork network) throws IOException {
        joined.add(network);
        if (network.secret().reveal().equals("wrong-passphrase")) {
            throw new IOException("Wi-Fi: wrong passphrase for \"" + network.ssid() + "\" on " + interfaceName);
        }
        links.replaceAll(l -> l.name().equals(interfaceName)
                ? new NetworkLink(l.name(), l.kind(), true, true, List.of("192.168.1.20/24"))
                : l);
        return "192.168.1.20/24";
    }

    @Override
    public BootSummary boot(BootChoice choice, BootEvents events) throws Exception {
        boots.add(choice);
        events.phase("fetch", choice.source().toString());
        events.retry("connection reset");
        events.progress("live.iso", new Progress(50, OptionalLong.of(100), 0, Optional.empty()));
        events.progress("live.iso", new Progress(100, OptionalLong.of(100), 0, Optional.empty()));
        if (!bootFailures.isEmpty()) {
            throw bootFailures.removeFirst();
        }
        events.phase("plan", "");
        int chosen = events.chooseEntry(entryTitles, defaultEntry);
        entriesChosen.add(chosen);
        return new BootSummary(
                entryTitles.get(chosen),
                "boot=live entry=" + chosen,
                List.of("Kernel: /live/vmlinuz", "Verified by: openpgp"),
                false);
    }
}
