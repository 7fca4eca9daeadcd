package dev.webboot.cli;

import dev.webboot.net.bringup.NetworkBringUp;
import dev.webboot.net.bringup.NetworkConfiguration;
import dev.webboot.net.bringup.StaticConfiguration;
import dev.webboot.net.dhcp.DhcpSettings;
import dev.webboot.net.link.Ipv4Prefix;
import dev.webboot.net.link.LinkInfo;
import dev.webboot.net.link.Links;
import dev.webboot.net.link.Rtnetlink;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code webboot net ls|up}: the machine's network interfaces, and bringing one up. */
@Command(
        name = "net",
        mixinStandardHelpOptions = true,
        description = "List network interfaces and bring the network up.",
        subcommands = {NetCommand.Ls.class, NetCommand.Up.class})
final class NetCommand {

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List the network interfaces.")
    static final class Ls implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "One JSON object per interface.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            List<LinkInfo> all = Links.system().list();
            try (Rtnetlink rtnetlink = Rtnetlink.open()) {
                for (LinkInfo link : all) {
                    List<String> addresses = rtnetlink.addresses(link).stream()
                            .map(Ipv4Prefix::toString)
                            .toList();
                    if (json) {
                        out.println(JsonLine.object()
                                .put("name", link.name())
                                .put("index", link.index())
                                .put("mac", link.mac())
                                .put("type", link.type())
                                .put("up", link.up())
                                .put("carrier", link.carrier())
                                .put("wireless", link.wireless())
                                .put("driver", link.driver())
                                .put("mtu", link.mtu())
                                .put("operstate", link.operstate())
                                .put("addresses", addresses));
                    } else {
                        out.printf(
                                "%-12s %-8s %-17s %-8s %-10s %s%n",
                                link.name(),
                                link.type(),
                                link.mac().isEmpty() ? "-" : link.mac(),
                                link.operstate(),
                                link.carrier() ? "carrier" : "no-carrier",
                                String.join(" ", addresses));
                    }
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "up",
            mixinStandardHelpOptions = true,
            description = "Bring an interface up by DHCP (or --static) and write resolv.conf.")
    static final class Up implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = {"-i", "--interface"},
                paramLabel = "IF",
                description = "The interface (default: the first wired one with carrier, then Wi-Fi).")
        Optional<String> interfaceName;

        @Option(names = "--static", paramLabel = "A/P", description = "A fixed address such as 192.168.1.20/24.")
        Optional<String> staticAddress;

        @Option(names = "--gateway", paramLabel = "G", description = "The default gateway (with --static).")
        Optional<String> gateway;

        @Option(names = "--dns", paramLabel = "D", description = "A DNS server (with --static; repeatable).")
        List<String> dns = new ArrayList<>();

        @Option(
                names = "--timeout",
                paramLabel = "SECONDS",
                defaultValue = "20",
                description = "How long DHCP may take (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Option(names = "--hostname", paramLabel = "NAME", description = "The host name sent to the DHCP server.")
        Optional<String> hostname;

        @Option(
                names = "--resolv-conf",
                paramLabel = "FILE",
                defaultValue = "/etc/resolv.conf",
                description = "Where to write the DNS servers (default: ${DEFAULT-VALUE}).")
        Path resolvConf;

        @Option(names = "--json", description = "Print the configuration as one JSON object.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            if (timeoutSeconds < 1) {
                throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
            }
            if (staticAddress.isEmpty() && (gateway.isPresent() || !dns.isEmpty())) {
                throw new ParameterException(spec.commandLine(), "--gateway and --dns need --static");
            }
            DhcpSettings settings = DhcpSettings.defaults().withTimeout(Duration.ofSeconds(timeoutSeconds));
            if (hostname.isPresent()) {
                settings = settings.withHostname(hostname.get());
            }
            NetworkBringUp bringUp = new NetworkBringUp(Links.system(), resolvConf, settings, Duration.ofSeconds(5));
            NetworkConfiguration config = staticAddress.isPresent()
                    ? bringUp.configureStatic(interfaceName, staticConfiguration())
                    : bringUp.dhcp(interfaceName);
            print(spec.commandLine().getOut(), config, json);
            return 0;
        }

        private StaticConfiguration staticConfiguration() {
            try {
                Ipv4Prefix address = Ipv4Prefix.parse(staticAddress.orElseThrow());
                Optional<Inet4Address> router = gateway.map(Ipv4Prefix::parseAddress);
                List<Inet4Address> servers =
                        dns.stream().map(Ipv4Prefix::parseAddress).toList();
                return new StaticConfiguration(address, router, servers);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }
    }

    /** The {@code net up} output, shared with {@code wifi connect}. */
    static void print(PrintWriter out, NetworkConfiguration config, boolean json) {
        List<String> dns =
                config.dnsServers().stream().map(Inet4Address::getHostAddress).toList();
        String router = config.router().map(Inet4Address::getHostAddress).orElse(null);
        if (json) {
            out.println(JsonLine.object()
                    .put("interface", config.interfaceName())
                    .put("address", config.address().toString())
                    .put("router", router)
                    .put("dns", dns)
                    .put("domain", config.domain().orElse(null))
                    .put("source", config.source()));
        } else {
            out.printf(
                    "%s %s router %s dns %s%n",
                    config.interfaceName(),
                    config.address(),
                    router == null ? "none" : router,
                    dns.isEmpty() ? "none" : String.join(",", dns));
        }
        out.flush();
    }
}
