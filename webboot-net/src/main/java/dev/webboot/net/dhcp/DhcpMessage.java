package dev.webboot.net.dhcp;

import dev.webboot.net.link.Ipv4Prefix;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One BOOTP/DHCP message (RFC 2131 section 2): the fixed header and its options. The decoder has checked the
 * lengths of the options read by the typed accessors, so they never fail.
 *
 * @param op 1 for a request (client to server), 2 for a reply
 * @param hardwareType ARP hardware type, 1 for Ethernet
 * @param hops relay hops
 * @param xid transaction id chosen by the client
 * @param secs seconds since the client began
 * @param flags bit 15 is the broadcast flag
 * @param clientAddress ciaddr
 * @param yourAddress yiaddr: the address the server offers or assigns
 * @param serverAddress siaddr: next server
 * @param relayAddress giaddr
 * @param clientHardwareAddress chaddr, {@code hlen} bytes (at most 16)
 * @param serverName sname, up to the first NUL (empty when it carries overloaded options)
 * @param bootFile file, up to the first NUL (empty when it carries overloaded options)
 * @param options the options, overloaded ones included
 */
public record DhcpMessage(
        int op,
        int hardwareType,
        int hops,
        int xid,
        int secs,
        int flags,
        Inet4Address clientAddress,
        Inet4Address yourAddress,
        Inet4Address serverAddress,
        Inet4Address relayAddress,
        byte[] clientHardwareAddress,
        String serverName,
        String bootFile,
        DhcpOptions options) {
    public static final int BOOTREQUEST = 1;
    public static final int BOOTREPLY = 2;
    public static final int BROADCAST_FLAG = 0x8000;

    public DhcpMessage {
        clientHardwareAddress = clientHardwareAddress.clone();
        if (clientHardwareAddress.length > 16) {
            throw new IllegalArgumentException("chaddr has at most 16 bytes, not " + clientHardwareAddress.length);
        }
    }

    @Override
    public byte[] clientHardwareAddress() {
        return clientHardwareAddress.clone();
    }

    public Optional<DhcpMessageType> type() {
        return options.get(DhcpOption.MESSAGE_TYPE).flatMap(v -> DhcpMessageType.of(v[0] & 0xff));
    }

    public Optional<Inet4Address> serverId() {
        return address(DhcpOption.SERVER_ID);
    }

    public Optional<Inet4Address> subnetMask() {
        return address(DhcpOption.SUBNET_MASK);
    }

    public List<Inet4Address> routers() {
        return addresses(DhcpOption.ROUTER);
    }

    public List<Inet4Address> dnsServers() {
        return addresses(DhcpOption.DNS_SERVERS);
    }

    public Optional<String> domainName() {
        return text(DhcpOption.DOMAIN_NAME);
    }

    public Optional<String> hostname() {
        return text(DhcpOption.HOSTNAME);
    }

    /** The server's explanation (option 56), sent with a NAK. */
    public Optional<String> serverMessage() {
        return text(DhcpOption.MESSAGE);
    }

    public Optional<Integer> mtu() {
        return options.get(DhcpOption.INTERFACE_MTU).map(v -> (v[0] & 0xff) << 8 | (v[1] & 0xff));
    }

    /** The lease time in seconds ({@code 0xffffffff} means infinite). */
    public Optional<Long> leaseSeconds() {
        return options.get(DhcpOption.LEASE_TIME).map(v -> ByteBuffer.wrap(v).getInt() & 0xffffffffL);
    }

    private Optional<Inet4Address> address(int code) {
        return options.get(code).map(Ipv4Prefix::fromBytes);
    }

    private List<Inet4Address> addresses(int code) {
        List<Inet4Address> list = new ArrayList<>();
        options.get(code).ifPresent(v -> {
            for (int i = 0; i + 4 <= v.length; i += 4) {
                list.add(Ipv4Prefix.fromBytes(Arrays.copyOfRange(v, i, i + 4)));
            }
        });
        return List.copyOf(list);
    }

    /** Text options, up to a NUL some servers append; bytes outside printable ASCII become {@code ?}. */
    private Optional<String> text(int code) {
        return options.get(code).map(DhcpMessage::printable);
    }

    static String printable(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            if (b == 0) {
                break;
            }
            out.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DhcpMessage that
                && op == that.op
                && hardwareType == that.hardwareType
                && hops == that.hops
                && xid == that.xid
                && secs == that.secs
                && flags == that.flags
                && clientAddress.equals(that.clientAddress)
                && yourAddress.equals(that.yourAddress)
                && serverAddress.equals(that.serverAddress)
                && relayAddress.equals(that.relayAddress)
                && Arrays.equals(clientHardwareAddress, that.clientHardwareAddress)
                && serverName.equals(that.serverName)
                && bootFile.equals(that.bootFile)
                && options.equals(that.options);
    }

    @Override
    public int hashCode() {
        return (xid * 31 + Arrays.hashCode(clientHardwareAddress)) * 31 + options.hashCode();
    }

    @Override
    public String toString() {
        return "DhcpMessage[op=" + op + ", xid=" + Integer.toHexString(xid) + ", flags=" + Integer.toHexString(flags)
                + ", ciaddr=" + clientAddress.getHostAddress() + ", yiaddr=" + yourAddress.getHostAddress()
                + ", siaddr=" + serverAddress.getHostAddress() + ", giaddr=" + relayAddress.getHostAddress()
                + ", chaddr=" + HexFormat.ofDelimiter(":").formatHex(clientHardwareAddress) + ", sname="
                + serverName + ", file=" + bootFile + ", options=" + options + "]";
    }

    static String nulTerminated(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.ISO_8859_1);
    }
}
