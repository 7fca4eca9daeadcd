package dev.webboot.net.dhcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * One real DHCP exchange between busybox udhcpc 1.35 (client, MAC 02:00:00:00:00:01, host name webboot-capture) and
 * Debian 12's dnsmasq 2.89 (server 10.77.0.1, range 10.77.0.100-150/24, router 10.77.0.1, DNS 10.77.0.53, domain
 * webboot.test, MTU 1400, lease 1 h), captured with tcpdump on the server's veth by
 * {@code scripts/dev/capture-dhcp-exchange}. The files under {@code src/test/resources/dhcp/} are the UDP payloads
 * of the first DISCOVER, OFFER, REQUEST and ACK, in hex.
 */
final class CapturedExchange {
    private CapturedExchange() {}

    static final int XID = 0xd7b3385e;
    static final byte[] CLIENT_MAC = {2, 0, 0, 0, 0, 1};

    static byte[] packet(String name) {
        try (InputStream in = CapturedExchange.class.getResourceAsStream("/dhcp/" + name + ".hex")) {
            if (in == null) {
                throw new IllegalStateException("missing fixture /dhcp/" + name + ".hex");
            }
            String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s", "");
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
