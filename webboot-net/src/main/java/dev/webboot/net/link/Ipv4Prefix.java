package dev.webboot.net.link;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 address with its prefix length, as in {@code 192.168.1.20/24}. */
public record Ipv4Prefix(Inet4Address address, int length) {
    public Ipv4Prefix {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length " + length + " is not between 0 and 32");
        }
    }

    /** Parses {@code a.b.c.d/p}; only dotted-quad literals are accepted, never host names. */
    public static Ipv4Prefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException(text + ": not an address/prefix such as 192.168.1.20/24");
        }
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(text + ": the prefix length is not a number", e);
        }
        return new Ipv4Prefix(parseAddress(text.substring(0, slash)), length);
    }

    /** Parses a dotted-quad IPv4 literal such as {@code 10.0.0.1}. */
    public static Inet4Address parseAddress(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException(text + ": not an IPv4 address such as 10.0.0.1");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException(text + ": not an IPv4 address such as 10.0.0.1");
            }
            int value = Integer.parseInt(parts[i]);
            if (value > 255) {
                throw new IllegalArgumentException(text + ": " + value + " is not between 0 and 255");
            }
            bytes[i] = (byte) value;
        }
        return fromBytes(bytes);
    }

    /** The address made of four network-order bytes. */
    public static Inet4Address fromBytes(byte[] bytes) {
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IPv4 address has 4 bytes, not " + bytes.length, e);
        }
    }

    /** The prefix length of a contiguous netmask such as 255.255.255.0; fails for a non-contiguous one. */
    public static int lengthOfNetmask(Inet4Address netmask) {
        int mask = toInt(netmask);
        int length = Integer.bitCount(mask);
        if (mask != (length == 0 ? 0 : -1 << (32 - length))) {
            throw new IllegalArgumentException("netmask " + netmask.getHostAddress() + " is not contiguous");
        }
        return length;
    }

    /** The subnet's broadcast address (all host bits set). */
    public Inet4Address broadcast() {
        int hostBits = length == 32 ? 0 : -1 >>> length;
        return fromInt(toInt(address) | hostBits);
    }

    /** Whether {@code other} lies inside this prefix's subnet. */
    public boolean contains(Inet4Address other) {
        int mask = length == 0 ? 0 : -1 << (32 - length);
        return (toInt(address) & mask) == (toInt(other) & mask);
    }

    static int toInt(Inet4Address address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    static Inet4Address fromInt(int value) {
        return fromBytes(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + length;
    }
}
