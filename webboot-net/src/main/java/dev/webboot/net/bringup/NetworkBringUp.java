package dev.webboot.net.bringup;

import dev.webboot.net.dhcp.AddressProbe;
import dev.webboot.net.dhcp.DhcpClient;
import dev.webboot.net.dhcp.DhcpLease;
import dev.webboot.net.dhcp.DhcpSettings;
import dev.webboot.net.internal.dhcp.ArpProbe;
import dev.webboot.net.internal.dhcp.UdpDhcpTransport;
import dev.webboot.net.link.Ipv4Prefix;
import dev.webboot.net.link.LinkInfo;
import dev.webboot.net.link.Links;
import dev.webboot.net.link.NetworkException;
import dev.webboot.net.link.Rtnetlink;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the network up: loopback, then one interface (named, or the first wired one with carrier, then an
 * associated Wi-Fi one, trying each in turn), configured by DHCP or statically; the address, default route and MTU
 * are set through rtnetlink and the DNS servers written to resolv.conf.
 */
public final class NetworkBringUp {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkBringUp.class);
    private static final Duration CARRIER_POLL = Duration.ofMillis(100);
    private static final int MIN_MTU = 576;

    private final Links links;
    private final Path resolvConf;
    private final DhcpSettings dhcpSettings;
    private final Duration carrierWait;

    /**
     * @param links where interfaces are read from
     * @param resolvConf the resolver file to write, normally {@code /etc/resolv.conf}
     * @param dhcpSettings timeouts and host name for DHCP
     * @param carrierWait how long a link just set up may take to report carrier
     */
    public NetworkBringUp(Links links, Path resolvConf, DhcpSettings dhcpSettings, Duration carrierWait) {
        this.links = links;
        this.resolvConf = resolvConf;
        this.dhcpSettings = dhcpSettings;
        this.carrierWait = carrierWait;
    }

    /** The defaults for the running system: {@code /sys/class/net}, {@code /etc/resolv.conf}, 20 s of DHCP. */
    public static NetworkBringUp system() {
        return new NetworkBringUp(
                Links.system(), Path.of("/etc/resolv.conf"), DhcpSettings.defaults(), Duration.ofSeconds(5));
    }

    /** Configures {@code interfaceName} (or the best interface, when empty) by DHCP. */
    public NetworkConfiguration dhcp(Optional<String> interfaceName) throws IOException {
        return configure(interfaceName, link -> dhcpOn(link));
    }

    /** Configures {@code interfaceName} (or the best interface, when empty) with a fixed address. */
    public NetworkConfiguration configureStatic(Optional<String> interfaceName, StaticConfiguration config)
            throws IOException {
        return configure(
                interfaceName,
                link -> apply(
                        link,
                        config.address(),
                        config.gateway(),
                        Optional.empty(),
                        config.dnsServers(),
                        Optional.empty(),
                        "static configuration of " + link.name(),
                        "static"));
    }

    private interface Configurer {
        NetworkConfiguration configure(LinkInfo link) throws IOException;
    }

    private NetworkConfiguration configure(Optional<String> interfaceName, Configurer configurer) throws IOException {
        try (Rtnetlink rtnetlink = Rtnetlink.open()) {
            Optional<LinkInfo> loopback = links.find("lo");
            if (loopback.isPresent()) {
                rtnetlink.setUp(loopback.get(), true);
            }
            if (interfaceName.isPresent()) {
                LinkInfo link = links.require(interfaceName.get());
                rtnetlink.setUp(link, true);
                if (!waitForCarrier(List.of(link)).contains(link.name())) {
                    throw new NetworkException(noCarrier(link));
                }
                return configurer.configure(links.require(link.name()));
            }
            return configureFirstWorking(rtnetlink, configurer);
        }
    }

    /** Tries the wired interfaces with carrier in order, then the Wi-Fi ones already associated. */
    private NetworkConfiguration configureFirstWorking(Rtnetlink rtnetlink, Configurer configurer) throws IOException {
        List<LinkInfo> all = links.list();
        List<LinkInfo> wired = all.stream().filter(LinkInfo::wired).toList();
        List<LinkInfo> wireless = all.stream().filter(LinkInfo::wireless).toList();
        if (wired.isEmpty() && wireless.isEmpty()) {
            throw new NetworkException("no network interface found: is the driver for the network card loaded?");
        }
        for (LinkInfo link : wired) {
            rtnetlink.setUp(link, true);
        }
        List<String> withCarrier = waitForCarrier(wired);
        List<LinkInfo> candidates = new ArrayList<>();
        wired.stream().filter(l -> withCarrier.contains(l.name())).forEach(candidates::add);
        for (LinkInfo link : wireless) {
            links.find(link.name()).filter(LinkInfo::carrier).ifPresent(candidates::add);
        }
        if (candidates.isEmpty()) {
            List<String> sentences = new ArrayList<>();
            wired.forEach(l -> sentences.add(noCarrier(l)));
            wireless.forEach(l -> sentences.add(noCarrier(l)));
            throw new NetworkException(String.join("; ", sentences));
        }
        List<String> failures = new ArrayList<>();
        for (LinkInfo link : candidates) {
            try {
                return configurer.configure(links.require(link.name()));
            } catch (NetworkException e) {
                LOG.warn("{}", e.getMessage());
                failures.add(e.getMessage());
            }
        }
        throw new NetworkException(String.join("; ", failures));
    }

    /** The names of the links that have carrier within {@link #carrierWait} (all of them, or as soon as one does). */
    private List<String> waitForCarrier(List<LinkInfo> candidates) throws IOException {
        long deadline = System.nanoTime() + carrierWait.toNanos();
        while (true) {
            List<String> up = new ArrayList<>();
            for (LinkInfo link : candidates) {
                if (links.find(link.name()).map(LinkInfo::carrier).orElse(false)) {
                    up.add(link.name());
                }
            }
            if (!up.isEmpty() || System.nanoTime() >= deadline) {
                return up;
            }
            try {
                Thread.sleep(CARRIER_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for carrier");
            }
        }
    }

    private static String noCarrier(LinkInfo link) {
        return link.wireless()
                ? "no Wi-Fi connection on " + link.name() + ": connect first with webboot wifi connect"
                : "no carrier on " + link.name() + ": is the cable plugged in?";
    }

    private NetworkConfiguration dhcpOn(LinkInfo link) throws IOException {
        byte[] mac = link.macBytes();
        AddressProbe probe = new ArpProbe(link.name(), link.index(), mac, 2, Duration.ofMillis(300));
        DhcpLease lease;
        try (UdpDhcpTransport transport = UdpDhcpTransport.open(link.name())) {
            lease = new DhcpClient(link.name(), mac, transport, probe, dhcpSettings).obtainLease();
        }
        LOG.info(
                "DHCP: lease of {} on {} from {} for {} s",
                lease.address(),
                link.name(),
                lease.server().getHostAddress(),
                lease.leaseTime().toSeconds());
        return apply(
                link,
                lease.address(),
                lease.router(),
                lease.mtu(),
                lease.dnsServers(),
                lease.domain(),
                "the DHCP lease of " + link.name() + " from " + lease.server().getHostAddress(),
                "dhcp");
    }

    private NetworkConfiguration apply(
            LinkInfo link,
            Ipv4Prefix address,
            Optional<Inet4Address> router,
            Optional<Integer> mtu,
            List<Inet4Address> dns,
            Optional<String> domain,
            String origin,
            String source)
            throws IOException {
        try (Rtnetlink rtnetlink = Rtnetlink.open()) {
            if (mtu.isPresent() && mtu.get() >= MIN_MTU && mtu.get() != link.mtu()) {
                try {
                    rtnetlink.setMtu(link, mtu.get());
                } catch (IOException e) {
                    LOG.warn("{}; keeping MTU {}", e.getMessage(), link.mtu());
                }
            }
            rtnetlink.addAddress(link, address);
            if (router.isPresent()) {
                rtnetlink.replaceDefaultRoute(link, address, router.get());
            }
        }
        if (!dns.isEmpty()) {
            ResolvConf.write(resolvConf, ResolvConf.text(origin, dns, domain));
        }
        return new NetworkConfiguration(link.name(), address, router, dns, domain, source);
    }
}
