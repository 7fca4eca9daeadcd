package dev.webboot.cli;

import dev.webboot.net.bringup.NetworkConfiguration;
import dev.webboot.net.dhcp.DhcpSettings;
import dev.webboot.net.link.LinkInfo;
import dev.webboot.net.link.Links;
import dev.webboot.net.link.NetworkException;
import dev.webboot.net.link.Rtnetlink;
import dev.webboot.net.wifi.Secret;
import dev.webboot.net.wifi.WifiJoin;
import dev.webboot.net.wifi.WifiNetwork;
import dev.webboot.net.wifi.WifiScanResult;
import dev.webboot.net.wifi.WifiSecurity;
import dev.webboot.net.wifi.WpaSupplicant;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code webboot wifi scan|connect}: Wi-Fi through wpa_supplicant's control socket. */
@Command(
        name = "wifi",
        mixinStandardHelpOptions = true,
        description = "Scan for Wi-Fi networks and connect to one (drives wpa_supplicant).",
        subcommands = {WifiCommand.Scan.class, WifiCommand.Connect.class})
final class WifiCommand {

    /** Options both subcommands take. */
    static final class Common {
        @Option(
                names = {"-i", "--interface"},
                paramLabel = "IF",
                description = "The Wi-Fi interface (default: the first one).")
        Optional<String> interfaceName;

        @Option(
                names = "--wpa-supplicant",
                paramLabel = "PATH",
                defaultValue = "/usr/sbin/wpa_supplicant",
                description = "The wpa_supplicant program (default: ${DEFAULT-VALUE}).")
        Path wpaSupplicant;

        @Option(
                names = "--driver",
                paramLabel = "DRIVER",
                defaultValue = "nl80211,wext",
                description = "wpa_supplicant's driver (default: ${DEFAULT-VALUE}; wired: 802.1X on Ethernet).")
        String driver;

        @Option(
                names = "--run-dir",
                paramLabel = "DIR",
                defaultValue = "/run/webboot",
                description = "Where wpa_supplicant's control socket lives (default: ${DEFAULT-VALUE}).")
        Path runDir;

        @Option(names = "--json", description = "JSON Lines output.")
        boolean json;

        /** The named interface, or the first wireless one; set up. */
        LinkInfo prepare() throws IOException {
            Links links = Links.system();
            LinkInfo link;
            if (interfaceName.isPresent()) {
                link = links.require(interfaceName.get());
            } else {
                link = links.list().stream()
                        .filter(LinkInfo::wireless)
                        .findFirst()
                        .orElseThrow(
                                () -> new NetworkException(
                                        "no Wi-Fi interface found: is the driver (and its firmware) for the Wi-Fi card loaded?"));
            }
            try (Rtnetlink rtnetlink = Rtnetlink.open()) {
                rtnetlink.setUp(link, true);
            }
            Files.createDirectories(runDir);
            return link;
        }
    }

    @Command(name = "scan", mixinStandardHelpOptions = true, description = "List the Wi-Fi networks in range.")
    static final class Scan implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Option(
                names = "--timeout",
                paramLabel = "SECONDS",
                defaultValue = "15",
                description = "How long the scan may take (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Override
        public Integer call() throws IOException {
            LinkInfo link = common.prepare();
            List<WifiScanResult> results;
            try (WpaSupplicant supplicant =
                    WpaSupplicant.start(common.wpaSupplicant, link.name(), common.driver, common.runDir)) {
                results = supplicant.scan(Duration.ofSeconds(timeoutSeconds));
            }
            PrintWriter out = spec.commandLine().getOut();
            for (WifiScanResult result : results) {
                if (common.json) {
                    out.println(JsonLine.object()
                            .put("ssid", result.ssid())
                            .put("bssid", result.bssid())
                            .put("frequency", result.frequency())
                            .put("signal", result.signal())
                            .put("security", result.security().cliName())
                            .put("flags", result.flags()));
                } else {
                    out.printf(
                            "%-32s %s %5d MHz %4d dBm %s%n",
                            result.ssid(),
                            result.bssid(),
                            result.frequency(),
                            result.signal(),
                            result.security().cliName());
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "connect",
            mixinStandardHelpOptions = true,
            description = "Join a Wi-Fi network, then configure it by DHCP. The passphrase is read from"
                    + " --passphrase-file or from the first line of standard input, never from the command line.")
    static final class Connect implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Parameters(index = "0", paramLabel = "SSID", description = "The network's name.")
        String ssid;

        @Option(
                names = "--security",
                paramLabel = "KIND",
                defaultValue = "psk",
                description = "open, psk (WPA2), sae (WPA3) or peap (WPA2-Enterprise) (default: ${DEFAULT-VALUE}).")
        String security;

        @Option(names = "--identity", paramLabel = "NAME", description = "The 802.1X identity (peap).")
        Optional<String> identity;

        @Option(
                names = "--passphrase-file",
                paramLabel = "FILE",
                description = "A file whose first line is the passphrase or password.")
        Optional<Path> passphraseFile;

        @Option(
                names = "--timeout",
                paramLabel = "SECONDS",
                defaultValue = "30",
                description = "How long joining may take (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Option(
                names = "--dhcp-timeout",
                paramLabel = "SECONDS",
                defaultValue = "20",
                description = "How long DHCP may take (default: ${DEFAULT-VALUE}).")
        int dhcpTimeoutSeconds;

        @Option(
                names = "--resolv-conf",
                paramLabel = "FILE",
                defaultValue = "/etc/resolv.conf",
                description = "Where to write the DNS servers (default: ${DEFAULT-VALUE}).")
        Path resolvConf;

        @Override
        public Integer call() throws IOException {
            WifiSecurity kind = securityKind();
            Secret secret = kind == WifiSecurity.OPEN ? Secret.of("") : readSecret();
            WifiNetwork network;
            try {
                network = new WifiNetwork(ssid, kind, identity.orElse(""), secret);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            LinkInfo link = common.prepare();
            NetworkConfiguration config = new WifiJoin(
                            common.wpaSupplicant,
                            common.driver,
                            common.runDir,
                            resolvConf,
                            Duration.ofSeconds(timeoutSeconds),
                            DhcpSettings.defaults().withTimeout(Duration.ofSeconds(dhcpTimeoutSeconds)))
                    .join(link, network);
            NetCommand.print(spec.commandLine().getOut(), config, common.json);
            return 0;
        }

        private WifiSecurity securityKind() {
            for (WifiSecurity kind : WifiSecurity.values()) {
                if (kind.cliName().equals(security)) {
                    return kind;
                }
            }
            throw new ParameterException(
                    spec.commandLine(), "--security must be open, psk, sae or peap, not " + security);
        }

        private Secret readSecret() throws IOException {
            String line;
            if (passphraseFile.isPresent()) {
                try (BufferedReader reader = Files.newBufferedReader(passphraseFile.get(), StandardCharsets.UTF_8)) {
                    line = reader.readLine();
                }
            } else {
                line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
            if (line == null || line.isEmpty()) {
                throw new ParameterException(
                        spec.commandLine(), "no passphrase: give --passphrase-file FILE or write it on standard input");
            }
            return Secret.of(line);
        }
    }
}
