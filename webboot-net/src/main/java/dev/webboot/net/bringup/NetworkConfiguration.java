package dev.webboot.net.bringup;

import dev.webboot.net.link.Ipv4Prefix;
import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;

/**
 * How an interface was configured.
 *
 * @param interfaceName the interface
 * @param address its address and prefix length
 * @param router the default gateway, if any
 * @param dnsServers the DNS servers written to resolv.conf
 * @param domain the search domain, if any
 * @param source {@code "dhcp"} or {@code "static"}
 */
public record NetworkConfiguration(
        String interfaceName,
        Ipv4Prefix address,
        Optional<Inet4Address> router,
        List<Inet4Address> dnsServers,
        Optional<String> domain,
        String source) {
    public NetworkConfiguration {
        dnsServers = List.copyOf(dnsServers);
    }
}
