package dev.webboot.net.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.net.link.Ipv4Prefix;
import java.net.Inet4Address;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decodes and re-encodes the packets of a real udhcpc/dnsmasq exchange (see {@link CapturedExchange}). */
class DhcpCodecTest {
    private static Inet4Address ip(String text) {
        return Ipv4Prefix.parseAddress(text);
    }

    @Test
    void decodesTheClientsDiscover() throws Exception {
        DhcpMessage discover = DhcpCodec.decode(CapturedExchange.packet("discover"), "discover");
        assertThat(discover.op()).isEqualTo(DhcpMessage.BOOTREQUEST);
        assertThat(discover.hardwareType()).isEqualTo(1);
        assertThat(discover.xid()).isEqualTo(CapturedExchange.XID);
        assertThat(discover.clientHardwareAddress()).isEqualTo(CapturedExchange.CLIENT_MAC);
        assertThat(discover.type()).contains(DhcpMessageType.DISCOVER);
        assertThat(discover.hostname()).contains("webboot-capture");
        assertThat(discover.options().get(DhcpOption.VENDOR_CLASS).map(String::new))
                .contains("udhcp 1.35.0");
        assertThat(discover.options().get(DhcpOption.CLIENT_ID))
                .hasValueSatisfying(id -> assertThat(id).isEqualTo(new byte[] {1, 2, 0, 0, 0, 0, 1}));
        assertThat(discover.yourAddress()).isEqualTo(ip("0.0.0.0"));
    }

    @Test
    void decodesTheServersOfferAndAck() throws Exception {
        for (String name : List.of("offer", "ack")) {
            DhcpMessage reply = DhcpCodec.decode(CapturedExchange.packet(name), name);
            assertThat(reply.op()).isEqualTo(DhcpMessage.BOOTREPLY);
            assertThat(reply.xid()).isEqualTo(CapturedExchange.XID);
            assertThat(reply.type()).contains(name.equals("offer") ? DhcpMessageType.OFFER : DhcpMessageType.ACK);
            assertThat(reply.yourAddress()).isEqualTo(ip("10.77.0.145"));
            assertThat(reply.serverId()).contains(ip("10.77.0.1"));
            assertThat(reply.subnetMask()).contains(ip("255.255.255.0"));
            assertThat(reply.routers()).containsExactly(ip("10.77.0.1"));
            assertThat(reply.dnsServers()).containsExactly(ip("10.77.0.53"));
            assertThat(reply.domainName()).contains("webboot.test");
            assertThat(reply.mtu()).contains(1400);
            assertThat(reply.leaseSeconds()).contains(3600L);
            assertThat(reply.options().get(DhcpOption.RENEWAL_TIME))
                    .hasValueSatisfying(v -> assertThat(v).isEqualTo(new byte[] {0, 0, 7, 8}));
        }
        // dnsmasq echoes the client's host name only in the ACK.
        assertThat(DhcpCodec.decode(CapturedExchange.packet("ack"), "ack").hostname())
                .contains("webboot-capture");
    }

    @Test
    void decodesTheClientsRequest() throws Exception {
        DhcpMessage request = DhcpCodec.decode(CapturedExchange.packet("request"), "request");
        assertThat(request.type()).contains(DhcpMessageType.REQUEST);
        assertThat(request.options().get(DhcpOption.REQUESTED_ADDRESS).map(Ipv4Prefix::fromBytes))
                .contains(ip("10.77.0.145"));
        assertThat(request.serverId()).contains(ip("10.77.0.1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"discover", "offer", "request", "ack"})
    void reEncodingReproducesTheRealToolsBytes(String name) throws Exception {
        byte[] captured = CapturedExchange.packet(name);
        assertThat(DhcpCodec.encode(DhcpCodec.decode(captured, name))).isEqualTo(captured);
    }

    @Test
    void splitsLongOptionsAndJoinsThemAgain() throws Exception {
        byte[] longValue = new byte[600];
        Arrays.fill(longValue, (byte) 'x');
        DhcpMessage message = DhcpCodec.decode(CapturedExchange.packet("discover"), "discover");
        DhcpMessage withLong = new DhcpMessage(
                message.op(),
                message.hardwareType(),
                message.hops(),
                message.xid(),
                message.secs(),
                message.flags(),
                message.clientAddress(),
                message.yourAddress(),
                message.serverAddress(),
                message.relayAddress(),
                message.clientHardwareAddress(),
                "",
                "",
                message.options().with(DhcpOption.VENDOR_CLASS, longValue));
        byte[] encoded = DhcpCodec.encode(withLong);
        assertThat(DhcpCodec.decode(encoded, "long")).isEqualTo(withLong);
    }

    @Test
    void readsOptionsOverloadedIntoFileAndSname() throws Exception {
        byte[] packet = Arrays.copyOf(CapturedExchange.packet("offer"), 400);
        // Replace the options with: message type OFFER, overload=3, END; put router in 'file', DNS in 'sname'.
        int options = 240;
        Arrays.fill(packet, options, packet.length, (byte) 0);
        byte[] main = {53, 1, 2, 52, 1, 3, (byte) 255};
        System.arraycopy(main, 0, packet, options, main.length);
        byte[] file = {3, 4, 10, 0, 0, 1, (byte) 255};
        System.arraycopy(file, 0, packet, 108, file.length);
        byte[] sname = {6, 4, 10, 0, 0, 53, (byte) 255};
        System.arraycopy(sname, 0, packet, 44, sname.length);
        DhcpMessage message = DhcpCodec.decode(packet, "overloaded");
        assertThat(message.routers()).containsExactly(ip("10.0.0.1"));
        assertThat(message.dnsServers()).containsExactly(ip("10.0.0.53"));
        assertThat(message.bootFile()).isEmpty();
        assertThat(message.serverName()).isEmpty();
    }

    @Test
    void rejectsTruncatedPacketsNamingTheOffset() {
        byte[] ack = CapturedExchange.packet("ack");
        assertThatThrownBy(() -> DhcpCodec.decode(Arrays.copyOf(ack, 239), "short"))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessage("short: offset 239: truncated: 239 bytes, a DHCP message has at least 240");
        // Cut inside the router option (code 3 at offset 276 in dnsmasq's ACK, 4 bytes of value).
        int router = indexOfOption(ack, DhcpOption.ROUTER);
        assertThatThrownBy(() -> DhcpCodec.decode(Arrays.copyOf(ack, router + 4), "cut"))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessageStartingWith("cut: offset " + router + ": option 3 of 4 bytes runs past the end");
    }

    @Test
    void rejectsAWrongMagicCookieAndWrongOptionSizes() {
        byte[] ack = CapturedExchange.packet("ack");
        byte[] badCookie = ack.clone();
        badCookie[237] = 0;
        assertThatThrownBy(() -> DhcpCodec.decode(badCookie, "cookie"))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessage("cookie: offset 236: no DHCP magic cookie 99.130.83.99");
        byte[] badMask = ack.clone();
        int mask = indexOfOption(ack, DhcpOption.SUBNET_MASK);
        badMask[mask] = DhcpOption.MAX_MESSAGE_SIZE; // a 4-byte value where 2 bytes belong
        assertThatThrownBy(() -> DhcpCodec.decode(badMask, "size"))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessage("size: offset " + mask + ": option 57 has 4 bytes but must have 2 bytes");
        byte[] longChaddr = ack.clone();
        longChaddr[2] = 17;
        assertThatThrownBy(() -> DhcpCodec.decode(longChaddr, "hlen"))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessage("hlen: offset 2: hardware address length 17 exceeds 16");
    }

    @Test
    void typedAccessorsAreEmptyWhenOptionsAreMissing() throws Exception {
        DhcpMessage discover = DhcpCodec.decode(CapturedExchange.packet("discover"), "discover");
        assertThat(discover.serverId()).isEqualTo(Optional.empty());
        assertThat(discover.routers()).isEmpty();
        assertThat(discover.leaseSeconds()).isEmpty();
    }

    /** The offset of the first option with {@code code} in the main options field. */
    static int indexOfOption(byte[] packet, int code) {
        int offset = 240;
        while (offset + 1 < packet.length && (packet[offset] & 0xff) != DhcpOption.END) {
            if (packet[offset] == 0) {
                offset++;
                continue;
            }
            if ((packet[offset] & 0xff) == code) {
                return offset;
            }
            offset += 2 + (packet[offset + 1] & 0xff);
        }
        throw new AssertionError("option " + code + " not found");
    }
}
