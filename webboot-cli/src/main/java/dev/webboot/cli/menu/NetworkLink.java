package dev.webboot.cli.menu;

import java.util.List;

/**
 * A network interface as the network screen shows it.
 *
 * @param name the interface, e.g. {@code eth0}
 * @param kind {@code wired}, {@code wireless}, {@code loopback} or the kernel's link type
 * @param up whether the link is administratively up
 * @param carrier whether it has carrier (a cable, an association)
 * @param addresses its IPv4 addresses as {@code a.b.c.d/p}
 */
public record NetworkLink(String name, String kind, boolean up, boolean carrier, List<String> addresses) {
    public NetworkLink {
        addresses = List.copyOf(addresses);
    }

    public boolean wired() {
        return kind.equals("wired");
    }

    public boolean wireless() {
        return kind.equals("wireless");
    }
}
