package dev.webboot.net.dhcp;

import dev.webboot.net.link.Ipv4Prefix;
import dev.webboot.net.link.NetworkException;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DHCPv4 client for one interface (RFC 2131 section 4.4): DISCOVER, OFFER, REQUEST, ACK, with the broadcast flag
 * set because the interface has no address yet. Retransmissions back off exponentially; a NAK starts over; an
 * address that {@link AddressProbe} finds in use is DECLINEd and the client starts over; everything ends at the
 * overall timeout with a sentence that says what happened.
 */
public final class DhcpClient {
    private static final Logger LOG = LoggerFactory.getLogger(DhcpClient.class);
    private static final Inet4Address ZERO = Ipv4Prefix.fromBytes(new byte[4]);
    private static final byte[] REQUESTED_PARAMETERS = {
        DhcpOption.SUBNET_MASK,
        DhcpOption.ROUTER,
        DhcpOption.DNS_SERVERS,
        DhcpOption.DOMAIN_NAME,
        DhcpOption.HOSTNAME,
        DhcpOption.INTERFACE_MTU,
        DhcpOption.BROADCAST_ADDRESS,
        DhcpOption.LEASE_TIME,
        DhcpOption.RENEWAL_TIME,
        DhcpOption.REBINDING_TIME
    };
    /** An ACK without option 1: the classful default would be a guess, a /24 is what nearly every LAN uses. */
    private static final int DEFAULT_PREFIX_LENGTH = 24;

    private final String interfaceName;
    private final byte[] mac;
    private final DhcpTransport transport;
    private final AddressProbe probe;
    private final DhcpSettings settings;
    private final Random random;

    private long startNanos;
    private long deadlineNanos;
    private int xid;
    private int sent;

    public DhcpClient(
            String interfaceName, byte[] mac, DhcpTransport transport, AddressProbe probe, DhcpSettings settings) {
        this(interfaceName, mac, transport, probe, settings, new SecureRandom());
    }

    DhcpClient(
            String interfaceName,
            byte[] mac,
            DhcpTransport transport,
            AddressProbe probe,
            DhcpSettings settings,
            Random random) {
        if (mac.length != 6) {
            throw new IllegalArgumentException(interfaceName + ": DHCP needs a 6-byte Ethernet address");
        }
        this.interfaceName = interfaceName;
        this.mac = mac.clone();
        this.transport = transport;
        this.probe = probe;
        this.settings = settings;
        this.random = random;
    }

    /** Obtains a lease, or fails with a {@link NetworkException} whose message says why and what to do. */
    public DhcpLease obtainLease() throws IOException {
        startNanos = System.nanoTime();
        deadlineNanos = startNanos + settings.timeout().toNanos();
        String failure = "DHCP: no offer on " + interfaceName + " after " + settings.timeoutText()
                + ": is a DHCP server on this network?";
        while (remaining().toMillis() > 0) {
            xid = random.nextInt();
            Optional<DhcpMessage> offer = exchange(discover(), DhcpMessageType.OFFER, Optional.empty());
            if (offer.isEmpty()) {
                break;
            }
            Inet4Address offered = offer.get().yourAddress();
            Inet4Address server = offer.get().serverId().orElse(offer.get().serverAddress());
            LOG.info("DHCP: {} offered {} on {}", server.getHostAddress(), offered.getHostAddress(), interfaceName);
            int sentBefore = sent;
            Optional<DhcpMessage> answer = exchange(request(offered, server), DhcpMessageType.ACK, Optional.of(server));
            if (answer.isEmpty() && sent == sentBefore) {
                break; // the time ran out before the REQUEST went out: the earlier failure is the one to tell
            }
            if (answer.isEmpty()) {
                failure = "DHCP: no answer from server " + server.getHostAddress() + " to the request for "
                        + offered.getHostAddress() + " on " + interfaceName + " within " + settings.timeoutText();
                continue;
            }
            DhcpMessage reply = answer.get();
            if (reply.type().orElseThrow() == DhcpMessageType.NAK) {
                failure = "DHCP: server " + server.getHostAddress() + " refused " + offered.getHostAddress() + " on "
                        + interfaceName
                        + reply.serverMessage().map(m -> " (" + m + ")").orElse("");
                LOG.warn("{}; starting over", failure);
                continue;
            }
            DhcpLease lease = lease(reply, server);
            if (probe.inUse(lease.address().address())) {
                failure = "DHCP: the address " + lease.address().address().getHostAddress() + " offered on "
                        + interfaceName + " is already used by another machine";
                LOG.warn("{}: declining it", failure);
                transport.broadcast(DhcpCodec.encode(decline(lease.address().address(), server)));
                sleep(min(settings.declineWait(), remaining()));
                continue;
            }
            return lease;
        }
        throw new NetworkException(failure);
    }

    /**
     * Broadcasts {@code message} and retransmits it with doubling waits until a reply of {@code wanted} type (or a
     * NAK, for a REQUEST) for this transaction arrives, or the overall timeout passes.
     */
    private Optional<DhcpMessage> exchange(DhcpMessage message, DhcpMessageType wanted, Optional<Inet4Address> server)
            throws IOException {
        Duration wait = settings.firstRetransmit();
        while (remaining().toMillis() > 0) {
            LOG.debug("DHCP: sending {} on {}", message.type().orElseThrow(), interfaceName);
            transport.broadcast(DhcpCodec.encode(withSecs(message)));
            sent++;
            long roundEnd = System.nanoTime() + min(wait, remaining()).toNanos();
            // Always look at least once, so a reply already queued when the time runs out still counts.
            Duration left;
            do {
                left = Duration.ofNanos(Math.max(0, roundEnd - System.nanoTime()));
                Optional<byte[]> datagram = transport.receive(left);
                if (datagram.isEmpty()) {
                    break;
                }
                Optional<DhcpMessage> reply = accept(datagram.get(), wanted, server);
                if (reply.isPresent()) {
                    return reply;
                }
            } while (left.toMillis() > 0);
            wait = min(wait.multipliedBy(2), settings.maxRetransmit());
        }
        return Optional.empty();
    }

    /** The reply if it answers this transaction with the wanted type (or a NAK from the chosen server). */
    private Optional<DhcpMessage> accept(byte[] datagram, DhcpMessageType wanted, Optional<Inet4Address> server) {
        DhcpMessage reply;
        try {
            reply = DhcpCodec.decode(datagram, "DHCP reply on " + interfaceName);
        } catch (MalformedPacketException e) {
            LOG.debug("ignoring a malformed packet: {}", e.getMessage());
            return Optional.empty();
        }
        if (reply.op() != DhcpMessage.BOOTREPLY
                || reply.xid() != xid
                || !Arrays.equals(reply.clientHardwareAddress(), mac)
                || reply.type().isEmpty()) {
            return Optional.empty();
        }
        DhcpMessageType type = reply.type().get();
        if (server.isPresent()
                && reply.serverId().isPresent()
                && !reply.serverId().equals(server)) {
            return Optional.empty(); // another server answering our broadcast REQUEST
        }
        if (type == wanted
                && (type != DhcpMessageType.OFFER || !reply.yourAddress().equals(ZERO))) {
            return Optional.of(reply);
        }
        if (type == DhcpMessageType.NAK && wanted == DhcpMessageType.ACK) {
            return Optional.of(reply);
        }
        return Optional.empty();
    }

    private DhcpLease lease(DhcpMessage ack, Inet4Address server) {
        int prefixLength = DEFAULT_PREFIX_LENGTH;
        if (ack.subnetMask().isPresent()) {
            try {
                prefixLength = Ipv4Prefix.lengthOfNetmask(ack.subnetMask().get());
            } catch (IllegalArgumentException e) {
                LOG.warn("DHCP: {}; using /{}", e.getMessage(), DEFAULT_PREFIX_LENGTH);
            }
        }
        return new DhcpLease(
                interfaceName,
                new Ipv4Prefix(ack.yourAddress(), prefixLength),
                ack.serverId().orElse(server),
                ack.routers().stream().findFirst(),
                ack.dnsServers(),
                ack.domainName(),
                ack.mtu(),
                Duration.ofSeconds(ack.leaseSeconds().orElse(0xffffffffL)),
                ack.hostname());
    }

    private DhcpMessage discover() {
        return message(baseOptions(DhcpMessageType.DISCOVER));
    }

    private DhcpMessage request(Inet4Address offered, Inet4Address server) {
        return message(baseOptions(DhcpMessageType.REQUEST)
                .with(DhcpOption.REQUESTED_ADDRESS, offered.getAddress())
                .with(DhcpOption.SERVER_ID, server.getAddress()));
    }

    private DhcpMessage decline(Inet4Address address, Inet4Address server) {
        DhcpOptions options = DhcpOptions.empty()
                .with(DhcpOption.MESSAGE_TYPE, new byte[] {(byte) DhcpMessageType.DECLINE.code()})
                .with(DhcpOption.CLIENT_ID, clientId())
                .with(DhcpOption.REQUESTED_ADDRESS, address.getAddress())
                .with(DhcpOption.SERVER_ID, server.getAddress())
                .with(DhcpOption.MESSAGE, "address in use".getBytes(StandardCharsets.US_ASCII));
        return new DhcpMessage(DhcpMessage.BOOTREQUEST, 1, 0, xid, 0, 0, ZERO, ZERO, ZERO, ZERO, mac, "", "", options);
    }

    private DhcpOptions baseOptions(DhcpMessageType type) {
        DhcpOptions options = DhcpOptions.empty()
                .with(DhcpOption.MESSAGE_TYPE, new byte[] {(byte) type.code()})
                .with(DhcpOption.CLIENT_ID, clientId())
                .with(DhcpOption.MAX_MESSAGE_SIZE, new byte[] {0x05, (byte) 0xdc})
                .with(DhcpOption.PARAMETER_REQUEST_LIST, REQUESTED_PARAMETERS);
        if (settings.hostname().isPresent()) {
            options =
                    options.with(DhcpOption.HOSTNAME, settings.hostname().get().getBytes(StandardCharsets.US_ASCII));
        }
        return options;
    }

    private DhcpMessage message(DhcpOptions options) {
        return new DhcpMessage(
                DhcpMessage.BOOTREQUEST,
                1,
                0,
                xid,
                0,
                DhcpMessage.BROADCAST_FLAG,
                ZERO,
                ZERO,
                ZERO,
                ZERO,
                mac,
                "",
                "",
                options);
    }

    private DhcpMessage withSecs(DhcpMessage m) {
        int secs = (int) Math.min(
                0xffff, Duration.ofNanos(System.nanoTime() - startNanos).toSeconds());
        return new DhcpMessage(
                m.op(),
                m.hardwareType(),
                m.hops(),
                m.xid(),
                secs,
                m.flags(),
                m.clientAddress(),
                m.yourAddress(),
                m.serverAddress(),
                m.relayAddress(),
                m.clientHardwareAddress(),
                m.serverName(),
                m.bootFile(),
                m.options());
    }

    /** Option 61: hardware type 1 (Ethernet) followed by the MAC, as RFC 2132 section 9.14 suggests. */
    private byte[] clientId() {
        return ByteBuffer.allocate(7).put((byte) 1).put(mac).array();
    }

    private Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting to retry DHCP");
        }
    }

    @Override
    public String toString() {
        return "DhcpClient[" + interfaceName + " " + HexFormat.ofDelimiter(":").formatHex(mac) + "]";
    }
}
