package dev.webboot.net.link;

/**
 * One network interface as {@code /sys/class/net} describes it.
 *
 * @param name the interface name, such as {@code eth0}
 * @param index the kernel's interface index
 * @param mac the hardware address as {@code aa:bb:cc:dd:ee:ff}, empty when the link has none
 * @param type {@code "ether"}, {@code "loopback"}, {@code "wireless"} or {@code "arphrd-N"} for other ARP types
 * @param up whether the link is administratively up
 * @param carrier whether the link has carrier (a cable, an association); false while it is down
 * @param wireless whether it is a Wi-Fi interface
 * @param driver the kernel driver's name, empty for virtual interfaces
 * @param mtu the current MTU
 * @param operstate the kernel's operational state ({@code up}, {@code down}, {@code dormant}, {@code unknown}...)
 */
public record LinkInfo(
        String name,
        int index,
        String mac,
        String type,
        boolean up,
        boolean carrier,
        boolean wireless,
        String driver,
        int mtu,
        String operstate) {

    /** An Ethernet-like link that is neither loopback nor Wi-Fi: the kind tried first. */
    public boolean wired() {
        return type.equals("ether") && !wireless;
    }

    /** The hardware address as six bytes; fails for a link without an Ethernet address. */
    public byte[] macBytes() {
        String[] parts = mac.split(":");
        if (parts.length != 6) {
            throw new IllegalStateException(name + " has no Ethernet hardware address");
        }
        byte[] bytes = new byte[6];
        for (int i = 0; i < 6; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return bytes;
    }
}
