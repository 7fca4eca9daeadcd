package dev.webboot.net.link;

import dev.webboot.net.internal.link.NetlinkMessage;
import dev.webboot.net.internal.link.NetlinkSocket;
import java.io.Closeable;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Configures links, IPv4 addresses and routes through the kernel's rtnetlink interface (what {@code ip link},
 * {@code ip addr} and {@code ip route} do), without any external program. Needs {@code CAP_NET_ADMIN}.
 */
public final class Rtnetlink implements Closeable {
    private static final int RTM_NEWLINK = 16;
    private static final int RTM_NEWADDR = 20;
    private static final int RTM_DELADDR = 21;
    private static final int RTM_GETADDR = 22;
    private static final int RTM_NEWROUTE = 24;
    private static final int AF_UNSPEC = 0;
    private static final int AF_INET = 2;
    private static final int IFF_UP = 1;
    private static final int IFLA_MTU = 4;
    private static final int IFA_ADDRESS = 1;
    private static final int IFA_LOCAL = 2;
    private static final int IFA_BROADCAST = 4;
    private static final int RTA_DST = 1;
    private static final int RTA_OIF = 4;
    private static final int RTA_GATEWAY = 5;
    private static final int RT_TABLE_MAIN = 254;
    private static final int RTPROT_BOOT = 3;
    private static final int RT_SCOPE_UNIVERSE = 0;
    private static final int RT_SCOPE_LINK = 253;
    private static final int RTN_UNICAST = 1;

    private final NetlinkSocket socket;

    private Rtnetlink(NetlinkSocket socket) {
        this.socket = socket;
    }

    public static Rtnetlink open() throws IOException {
        return new Rtnetlink(NetlinkSocket.open());
    }

    /** Sets the link administratively up or down ({@code ip link set IF up|down}). */
    public void setUp(LinkInfo link, boolean up) throws IOException {
        socket.request(
                ifinfo(link.index(), up ? IFF_UP : 0, IFF_UP), "cannot set " + link.name() + (up ? " up" : " down"));
    }

    /** Sets the link's MTU ({@code ip link set IF mtu N}). */
    public void setMtu(LinkInfo link, int mtu) throws IOException {
        socket.request(
                ifinfo(link.index(), 0, 0).attributeU32(IFLA_MTU, mtu), "cannot set MTU " + mtu + " on " + link.name());
    }

    /** Adds (or refreshes) an address with its subnet broadcast ({@code ip addr replace A/P brd + dev IF}). */
    public void addAddress(LinkInfo link, Ipv4Prefix prefix) throws IOException {
        NetlinkMessage message = ifaddr(
                        RTM_NEWADDR,
                        NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_REPLACE,
                        link.index(),
                        prefix.length())
                .attribute(IFA_LOCAL, prefix.address().getAddress())
                .attribute(IFA_ADDRESS, prefix.address().getAddress());
        if (prefix.length() < 31) {
            message.attribute(IFA_BROADCAST, prefix.broadcast().getAddress());
        }
        socket.request(message, "cannot add address " + prefix + " to " + link.name());
    }

    /** Removes an address ({@code ip addr del A/P dev IF}). */
    public void deleteAddress(LinkInfo link, Ipv4Prefix prefix) throws IOException {
        NetlinkMessage message = ifaddr(RTM_DELADDR, 0, link.index(), prefix.length())
                .attribute(IFA_LOCAL, prefix.address().getAddress())
                .attribute(IFA_ADDRESS, prefix.address().getAddress());
        socket.request(message, "cannot remove address " + prefix + " from " + link.name());
    }

    /** The link's IPv4 addresses ({@code ip -4 addr show dev IF}). */
    public List<Ipv4Prefix> addresses(LinkInfo link) throws IOException {
        List<Ipv4Prefix> addresses = new ArrayList<>();
        NetlinkMessage request = new NetlinkMessage(
                        RTM_GETADDR, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_DUMP)
                .u8(AF_INET)
                .u8(0)
                .u8(0)
                .u8(0)
                .u32(0);
        for (ByteBuffer payload : socket.dump(request, "cannot list the addresses of " + link.name())) {
            if (payload.remaining() < 8 || payload.getInt(4) != link.index() || (payload.get(0) & 0xff) != AF_INET) {
                continue;
            }
            int prefixLength = payload.get(1) & 0xff;
            byte[] local = null;
            byte[] address = null;
            int offset = 8;
            while (offset + 4 <= payload.limit()) {
                int length = payload.getShort(offset) & 0xffff;
                int type = payload.getShort(offset + 2) & 0xffff;
                if (length < 4 || offset + length > payload.limit()) {
                    break;
                }
                if (length == 8 && (type == IFA_LOCAL || type == IFA_ADDRESS)) {
                    byte[] value = new byte[4];
                    payload.get(offset + 4, value);
                    if (type == IFA_LOCAL) {
                        local = value;
                    } else {
                        address = value;
                    }
                }
                offset += (length + 3) & ~3;
            }
            byte[] chosen = local != null ? local : address;
            if (chosen != null && prefixLength <= 32) {
                addresses.add(new Ipv4Prefix(Ipv4Prefix.fromBytes(chosen), prefixLength));
            }
        }
        return addresses;
    }

    /**
     * Makes {@code gateway} on {@code link} the default route ({@code ip route replace default via G dev IF}); a
     * gateway outside the link's subnet first gets a link-scope host route so the kernel accepts it.
     */
    public void replaceDefaultRoute(LinkInfo link, Ipv4Prefix linkAddress, Inet4Address gateway) throws IOException {
        if (!linkAddress.contains(gateway)) {
            socket.request(
                    route(32, RT_SCOPE_LINK)
                            .attribute(RTA_DST, gateway.getAddress())
                            .attributeU32(RTA_OIF, link.index()),
                    "cannot add a route to gateway " + gateway.getHostAddress() + " on " + link.name());
        }
        socket.request(
                route(0, RT_SCOPE_UNIVERSE)
                        .attribute(RTA_GATEWAY, gateway.getAddress())
                        .attributeU32(RTA_OIF, link.index()),
                "cannot add the default route via " + gateway.getHostAddress() + " on " + link.name());
    }

    private static NetlinkMessage ifinfo(int index, int flags, int change) {
        return new NetlinkMessage(RTM_NEWLINK, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK)
                .u8(AF_UNSPEC)
                .u8(0)
                .u16(0)
                .u32(index)
                .u32(flags)
                .u32(change);
    }

    private static NetlinkMessage ifaddr(int type, int flags, int index, int prefixLength) {
        return new NetlinkMessage(type, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK | flags)
                .u8(AF_INET)
                .u8(prefixLength)
                .u8(0)
                .u8(RT_SCOPE_UNIVERSE)
                .u32(index);
    }

    private static NetlinkMessage route(int destinationLength, int scope) {
        return new NetlinkMessage(
                        RTM_NEWROUTE,
                        NetlinkMessage.NLM_F_REQUEST
                                | NetlinkMessage.NLM_F_ACK
                                | NetlinkMessage.NLM_F_CREATE
                                | NetlinkMessage.NLM_F_REPLACE)
                .u8(AF_INET)
                .u8(destinationLength)
                .u8(0)
                .u8(0)
                .u8(RT_TABLE_MAIN)
                .u8(RTPROT_BOOT)
                .u8(scope)
                .u8(RTN_UNICAST)
                .u32(0);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
