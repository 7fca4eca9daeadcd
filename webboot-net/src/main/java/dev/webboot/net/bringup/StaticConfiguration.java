package dev.webboot.net.bringup;

import dev.webboot.net.link.Ipv4Prefix;
import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;

/** An address, gateway and DNS servers given by the user instead of DHCP. */
public record StaticConfiguration(Ipv4Prefix address, Optional<Inet4Address> gateway, List<Inet4Address> dnsServers) {
    public StaticConfiguration {
        dnsServers = List.copyOf(dnsServers);
    }
}
