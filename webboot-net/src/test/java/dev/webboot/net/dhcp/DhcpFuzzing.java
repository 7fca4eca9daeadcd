package dev.webboot.net.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

/** The check every fuzzed or corpus packet must pass. */
final class DhcpFuzzing {
    private DhcpFuzzing() {}

    /**
     * Decodes {@code packet}: a {@link MalformedPacketException} is a clean rejection; an accepted message must have
     * working accessors and survive an encode/decode round trip unchanged.
     */
    static boolean checkOne(byte[] packet) {
        DhcpMessage message;
        try {
            message = DhcpCodec.decode(packet, "fuzz");
        } catch (MalformedPacketException e) {
            assertThat(e.offset()).isBetween(0L, (long) Math.max(packet.length, DhcpCodec.MAXIMUM_LENGTH));
            assertThat(e.getMessage()).startsWith("fuzz: offset ");
            return false;
        }
        message.type();
        message.serverId();
        message.subnetMask();
        message.routers();
        message.dnsServers();
        message.domainName();
        message.hostname();
        message.serverMessage();
        message.mtu();
        message.leaseSeconds();
        assertThat(message.toString()).isNotEmpty();
        try {
            assertThat(DhcpCodec.decode(DhcpCodec.encode(message), "re-encoded"))
                    .isEqualTo(message);
        } catch (MalformedPacketException e) {
            throw new AssertionError("an accepted message did not survive re-encoding: " + e.getMessage(), e);
        }
        return true;
    }
}
