package dev.webboot.net.dhcp;

import dev.webboot.net.link.Ipv4Prefix;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a DHCP server assigned, from its ACK.
 *
 * @param interfaceName the interface the lease is for
 * @param address the assigned address with the prefix length of the subnet mask
 * @param server the server identifier (option 54)
 * @param router the first router (option 3), if any
 * @param dnsServers the DNS servers (option 6), possibly none
 * @param domain the domain name (option 15), if any
 * @param mtu the interface MTU (option 26), if any
 * @param leaseTime the lease time (option 51); {@link Duration#ofSeconds(long) 0xffffffff s} means infinite
 * @param hostname the host name (option 12), if the server sent one
 */
public record DhcpLease(
        String interfaceName,
        Ipv4Prefix address,
        Inet4Address server,
        Optional<Inet4Address> router,
        List<Inet4Address> dnsServers,
        Optional<String> domain,
        Optional<Integer> mtu,
        Duration leaseTime,
        Optional<String> hostname) {
    public DhcpLease {
        dnsServers = List.copyOf(dnsServers);
    }
}
