package dev.webboot.net.dhcp;

import dev.webboot.net.link.Ipv4Prefix;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Encodes and decodes DHCP messages (RFC 2131 section 2, RFC 2132 options, RFC 3396 long options). */
public final class DhcpCodec {
    /** The BOOTP header before the magic cookie. */
    public static final int HEADER_LENGTH = 236;

    private static final byte[] MAGIC_COOKIE = {99, (byte) 130, 83, 99};
    private static final int SNAME_OFFSET = 44;
    private static final int SNAME_LENGTH = 64;
    private static final int FILE_OFFSET = 108;
    private static final int FILE_LENGTH = 128;
    private static final int OPTIONS_OFFSET = HEADER_LENGTH + 4;
    /** BOOTP relays and old servers drop shorter messages (RFC 1542 section 2.1). */
    private static final int MINIMUM_LENGTH = 300;
    /** Larger than any Ethernet frame; longer datagrams are not DHCP messages webboot accepts. */
    public static final int MAXIMUM_LENGTH = 65_535;

    private DhcpCodec() {}

    /** The message's bytes: header, magic cookie, options in order, END, padded to 300 bytes. */
    public static byte[] encode(DhcpMessage message) {
        ByteBuffer out = ByteBuffer.allocate(MAXIMUM_LENGTH);
        byte[] chaddr = message.clientHardwareAddress();
        out.put((byte) message.op())
                .put((byte) message.hardwareType())
                .put((byte) chaddr.length)
                .put((byte) message.hops())
                .putInt(message.xid())
                .putShort((short) message.secs())
                .putShort((short) message.flags())
                .put(message.clientAddress().getAddress())
                .put(message.yourAddress().getAddress())
                .put(message.serverAddress().getAddress())
                .put(message.relayAddress().getAddress())
                .put(Arrays.copyOf(chaddr, 16))
                .put(field(message.serverName(), SNAME_LENGTH, "sname"))
                .put(field(message.bootFile(), FILE_LENGTH, "file"))
                .put(MAGIC_COOKIE);
        DhcpOptions options = message.options();
        for (int code : options.codes()) {
            byte[] value = options.get(code).orElseThrow();
            // RFC 3396: a value longer than 255 bytes is split into consecutive options of the same code.
            int offset = 0;
            do {
                int chunk = Math.min(255, value.length - offset);
                out.put((byte) code).put((byte) chunk).put(value, offset, chunk);
                offset += chunk;
            } while (offset < value.length);
        }
        out.put((byte) DhcpOption.END);
        while (out.position() < MINIMUM_LENGTH) {
            out.put((byte) 0);
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    private static byte[] field(String text, int length, String name) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length > length) {
            throw new IllegalArgumentException(name + " is longer than " + length + " bytes");
        }
        return Arrays.copyOf(bytes, length);
    }

    /**
     * Decodes a message received from {@code source} (named in errors). Every length is checked: a short packet, a
     * wrong magic cookie, an option running past the end or an option of the wrong size for its type throws
     * {@link MalformedPacketException} with the offset.
     */
    public static DhcpMessage decode(byte[] packet, String source) throws MalformedPacketException {
        if (packet.length < OPTIONS_OFFSET) {
            throw new MalformedPacketException(
                    source, packet.length, "truncated: " + packet.length + " bytes, a DHCP message has at least 240");
        }
        if (packet.length > MAXIMUM_LENGTH) {
            throw new MalformedPacketException(source, MAXIMUM_LENGTH, "longer than " + MAXIMUM_LENGTH + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(packet);
        int op = in.get(0) & 0xff;
        if (op != DhcpMessage.BOOTREQUEST && op != DhcpMessage.BOOTREPLY) {
            throw new MalformedPacketException(source, 0, "op " + op + " is neither BOOTREQUEST nor BOOTREPLY");
        }
        int hlen = in.get(2) & 0xff;
        if (hlen > 16) {
            throw new MalformedPacketException(source, 2, "hardware address length " + hlen + " exceeds 16");
        }
        if (!Arrays.equals(packet, HEADER_LENGTH, OPTIONS_OFFSET, MAGIC_COOKIE, 0, 4)) {
            throw new MalformedPacketException(source, HEADER_LENGTH, "no DHCP magic cookie 99.130.83.99");
        }
        Map<Integer, Long> firstOffset = new HashMap<>();
        DhcpOptions options =
                parseOptions(packet, OPTIONS_OFFSET, packet.length, DhcpOptions.empty(), firstOffset, source);
        String serverName = DhcpMessage.nulTerminated(packet, SNAME_OFFSET, SNAME_LENGTH);
        String bootFile = DhcpMessage.nulTerminated(packet, FILE_OFFSET, FILE_LENGTH);
        byte[] overload = options.get(DhcpOption.OVERLOAD).orElse(new byte[0]);
        if (overload.length > 0) {
            int which = overload[0] & 0xff;
            if (overload.length != 1 || which < 1 || which > 3) {
                throw new MalformedPacketException(
                        source, firstOffset.get(DhcpOption.OVERLOAD), "option overload value is not 1, 2 or 3");
            }
            // RFC 2131 section 4.1: options continue in 'file', then in 'sname'.
            if ((which & 1) != 0) {
                options = parseOptions(packet, FILE_OFFSET, FILE_OFFSET + FILE_LENGTH, options, firstOffset, source);
                bootFile = "";
            }
            if ((which & 2) != 0) {
                options = parseOptions(packet, SNAME_OFFSET, SNAME_OFFSET + SNAME_LENGTH, options, firstOffset, source);
                serverName = "";
            }
        }
        checkOptionSizes(options, firstOffset, source);
        return new DhcpMessage(
                op,
                in.get(1) & 0xff,
                in.get(3) & 0xff,
                in.getInt(4),
                in.getShort(8) & 0xffff,
                in.getShort(10) & 0xffff,
                Ipv4Prefix.fromBytes(Arrays.copyOfRange(packet, 12, 16)),
                Ipv4Prefix.fromBytes(Arrays.copyOfRange(packet, 16, 20)),
                Ipv4Prefix.fromBytes(Arrays.copyOfRange(packet, 20, 24)),
                Ipv4Prefix.fromBytes(Arrays.copyOfRange(packet, 24, 28)),
                Arrays.copyOfRange(packet, 28, 28 + hlen),
                serverName,
                bootFile,
                options);
    }

    /** Reads code/length/value triples in {@code [start, end)} until END; a missing END is tolerated. */
    private static DhcpOptions parseOptions(
            byte[] packet, int start, int end, DhcpOptions options, Map<Integer, Long> firstOffset, String source)
            throws MalformedPacketException {
        int offset = start;
        while (offset < end) {
            int code = packet[offset] & 0xff;
            if (code == DhcpOption.END) {
                return options;
            }
            if (code == DhcpOption.PAD) {
                offset++;
                continue;
            }
            if (offset + 1 >= end) {
                throw new MalformedPacketException(source, offset, "option " + code + " has no length byte");
            }
            int length = packet[offset + 1] & 0xff;
            if (offset + 2 + length > end) {
                throw new MalformedPacketException(
                        source,
                        offset,
                        "option " + code + " of " + length + " bytes runs past the end of its field at offset " + end);
            }
            if (code == DhcpOption.OVERLOAD && start != OPTIONS_OFFSET) {
                throw new MalformedPacketException(source, offset, "option overload inside an overloaded field");
            }
            firstOffset.putIfAbsent(code, (long) offset);
            options = options.append(code, Arrays.copyOfRange(packet, offset + 2, offset + 2 + length));
            offset += 2 + length;
        }
        return options;
    }

    /** Checks the options with a fixed format, so the typed accessors of {@link DhcpMessage} cannot fail. */
    private static void checkOptionSizes(DhcpOptions options, Map<Integer, Long> firstOffset, String source)
            throws MalformedPacketException {
        for (int code : options.codes()) {
            int length = options.get(code).orElseThrow().length;
            String problem =
                    switch (code) {
                        case DhcpOption.SUBNET_MASK,
                                DhcpOption.SERVER_ID,
                                DhcpOption.REQUESTED_ADDRESS,
                                DhcpOption.BROADCAST_ADDRESS,
                                DhcpOption.LEASE_TIME,
                                DhcpOption.RENEWAL_TIME,
                                DhcpOption.REBINDING_TIME -> length == 4 ? "" : "must have 4 bytes";
                        case DhcpOption.ROUTER, DhcpOption.DNS_SERVERS -> length > 0 && length % 4 == 0
                                ? ""
                                : "must hold one or more 4-byte addresses";
                        case DhcpOption.INTERFACE_MTU, DhcpOption.MAX_MESSAGE_SIZE -> length == 2
                                ? ""
                                : "must have 2 bytes";
                        case DhcpOption.MESSAGE_TYPE, DhcpOption.OVERLOAD -> length == 1 ? "" : "must have 1 byte";
                        default -> "";
                    };
            if (!problem.isEmpty()) {
                throw new MalformedPacketException(
                        source, firstOffset.get(code), "option " + code + " has " + length + " bytes but " + problem);
            }
        }
    }
}
