package dev.webboot.net.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.net.link.Ipv4Prefix;
import dev.webboot.net.link.NetworkException;
import java.io.InterruptedIOException;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The client's state machine against a scripted server: the server's replies are built from the captured dnsmasq
 * OFFER and ACK (see {@link CapturedExchange}) with the transaction id and address changed. The exchange with the
 * real dnsmasq is tested in webboot-cli's NetUpNamespaceTest.
 */
class DhcpClientTest {
    private static final byte[] MAC = {2, 0, 0, 0, 0, 9};
    private static final DhcpSettings FAST = new DhcpSettings(
            Duration.ofMillis(600), Duration.ofMillis(50), Duration.ofMillis(100), Optional.of("box"), Duration.ZERO);

    /** Answers each broadcast with what {@code script} returns for the decoded request (nothing when empty). */
    static final class ScriptedServer implements DhcpTransport {
        final List<DhcpMessage> sent = new ArrayList<>();
        final Deque<byte[]> pending = new ArrayDeque<>();
        final Function<DhcpMessage, List<byte[]>> script;

        ScriptedServer(Function<DhcpMessage, List<byte[]>> script) {
            this.script = script;
        }

        @Override
        public void broadcast(byte[] message) throws MalformedPacketException {
            DhcpMessage request = DhcpCodec.decode(message, "client");
            sent.add(request);
            pending.addAll(script.apply(request));
        }

        @Override
        public Optional<byte[]> receive(Duration timeout) throws InterruptedIOException {
            if (pending.isEmpty()) {
                try {
                    Thread.sleep(timeout.toMillis()); // nothing will come: wait as a socket would
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException();
                }
            }
            return Optional.ofNullable(pending.poll());
        }

        @Override
        public void close() {}

        List<DhcpMessageType> sentTypes() {
            return sent.stream().map(m -> m.type().orElseThrow()).toList();
        }
    }

    /** A captured dnsmasq reply re-addressed to {@code request}'s transaction, offering {@code address}. */
    static byte[] reply(String captured, DhcpMessage request, String address, DhcpMessageType type) {
        try {
            DhcpMessage m = DhcpCodec.decode(CapturedExchange.packet(captured), captured);
            return DhcpCodec.encode(new DhcpMessage(
                    m.op(),
                    m.hardwareType(),
                    m.hops(),
                    request.xid(),
                    0,
                    request.flags(),
                    m.clientAddress(),
                    Ipv4Prefix.parseAddress(type == DhcpMessageType.NAK ? "0.0.0.0" : address),
                    m.serverAddress(),
                    m.relayAddress(),
                    request.clientHardwareAddress(),
                    "",
                    "",
                    m.options().with(DhcpOption.MESSAGE_TYPE, new byte[] {(byte) type.code()})));
        } catch (MalformedPacketException e) {
            throw new AssertionError(e);
        }
    }

    private static Inet4Address ip(String text) {
        return Ipv4Prefix.parseAddress(text);
    }

    private static DhcpLease run(ScriptedServer server, AddressProbe probe) throws Exception {
        return new DhcpClient("eth9", MAC, server, probe, FAST, new Random(1)).obtainLease();
    }

    @Test
    void discoverOfferRequestAckGivesTheLease() throws Exception {
        ScriptedServer server =
                new ScriptedServer(request -> switch (request.type().orElseThrow()) {
                    case DISCOVER -> List.of(reply("offer", request, "10.77.0.120", DhcpMessageType.OFFER));
                    case REQUEST -> List.of(reply("ack", request, "10.77.0.120", DhcpMessageType.ACK));
                    default -> List.of();
                });
        DhcpLease lease = run(server, address -> false);
        assertThat(lease.address()).isEqualTo(Ipv4Prefix.parse("10.77.0.120/24"));
        assertThat(lease.router()).contains(ip("10.77.0.1"));
        assertThat(lease.dnsServers()).containsExactly(ip("10.77.0.53"));
        assertThat(lease.domain()).contains("webboot.test");
        assertThat(lease.mtu()).contains(1400);
        assertThat(lease.leaseTime()).isEqualTo(Duration.ofHours(1));
        assertThat(lease.server()).isEqualTo(ip("10.77.0.1"));
        assertThat(server.sentTypes()).containsExactly(DhcpMessageType.DISCOVER, DhcpMessageType.REQUEST);
        DhcpMessage request = server.sent.get(1);
        assertThat(request.flags()).isEqualTo(DhcpMessage.BROADCAST_FLAG);
        assertThat(request.clientHardwareAddress()).isEqualTo(MAC);
        assertThat(request.options().get(DhcpOption.REQUESTED_ADDRESS).map(Ipv4Prefix::fromBytes))
                .contains(ip("10.77.0.120"));
        assertThat(request.serverId()).contains(ip("10.77.0.1"));
        assertThat(request.hostname()).contains("box");
        assertThat(request.xid()).isEqualTo(server.sent.get(0).xid());
    }

    @Test
    void ignoresRepliesToOtherTransactionsAndClients() throws Exception {
        ScriptedServer server = new ScriptedServer(request -> {
            if (request.type().orElseThrow() != DhcpMessageType.DISCOVER) {
                return List.of(reply("ack", request, "10.77.0.121", DhcpMessageType.ACK));
            }
            byte[] otherXid = reply("offer", request, "10.77.0.99", DhcpMessageType.OFFER);
            otherXid[4] ^= 1;
            byte[] otherMac = reply("offer", request, "10.77.0.98", DhcpMessageType.OFFER);
            otherMac[33] ^= 1;
            byte[] garbage = {1, 2, 3};
            return List.of(otherXid, otherMac, garbage, reply("offer", request, "10.77.0.121", DhcpMessageType.OFFER));
        });
        assertThat(run(server, address -> false).address().address()).isEqualTo(ip("10.77.0.121"));
    }

    @Test
    void aNakStartsOverWithANewDiscover() throws Exception {
        int[] requests = {0};
        ScriptedServer server = new ScriptedServer(request -> switch (request.type()
                .orElseThrow()) {
            case DISCOVER -> List.of(reply("offer", request, "10.77.0.130", DhcpMessageType.OFFER));
            case REQUEST -> List.of(reply(
                    "ack", request, "10.77.0.130", requests[0]++ == 0 ? DhcpMessageType.NAK : DhcpMessageType.ACK));
            default -> List.of();
        });
        DhcpLease lease = run(server, address -> false);
        assertThat(lease.address().address()).isEqualTo(ip("10.77.0.130"));
        assertThat(server.sentTypes())
                .containsExactly(
                        DhcpMessageType.DISCOVER,
                        DhcpMessageType.REQUEST,
                        DhcpMessageType.DISCOVER,
                        DhcpMessageType.REQUEST);
        assertThat(server.sent.get(2).xid()).isNotEqualTo(server.sent.get(0).xid());
    }

    @Test
    void anAddressInUseIsDeclinedAndAnotherOneTaken() throws Exception {
        String[] next = {"10.77.0.140"};
        ScriptedServer server =
                new ScriptedServer(request -> switch (request.type().orElseThrow()) {
                    case DISCOVER -> List.of(reply("offer", request, next[0], DhcpMessageType.OFFER));
                    case REQUEST -> List.of(reply("ack", request, next[0], DhcpMessageType.ACK));
                    case DECLINE -> {
                        next[0] = "10.77.0.141";
                        yield List.of();
                    }
                    default -> List.of();
                });
        DhcpLease lease = run(server, address -> address.equals(ip("10.77.0.140")));
        assertThat(lease.address().address()).isEqualTo(ip("10.77.0.141"));
        assertThat(server.sentTypes())
                .containsExactly(
                        DhcpMessageType.DISCOVER,
                        DhcpMessageType.REQUEST,
                        DhcpMessageType.DECLINE,
                        DhcpMessageType.DISCOVER,
                        DhcpMessageType.REQUEST);
        DhcpMessage decline = server.sent.get(2);
        assertThat(decline.options().get(DhcpOption.REQUESTED_ADDRESS).map(Ipv4Prefix::fromBytes))
                .contains(ip("10.77.0.140"));
        assertThat(decline.serverId()).contains(ip("10.77.0.1"));
    }

    @Test
    void silenceEndsWithTheTimeoutSentenceAfterRetransmissions() {
        ScriptedServer server = new ScriptedServer(request -> List.of());
        assertThatThrownBy(() -> run(server, address -> false))
                .isInstanceOf(NetworkException.class)
                .hasMessage("DHCP: no offer on eth9 after 0.6 s: is a DHCP server on this network?");
        assertThat(server.sentTypes()).hasSizeGreaterThan(1).containsOnly(DhcpMessageType.DISCOVER);
        assertThat(server.sent).allSatisfy(m -> assertThat(m.xid())
                .isEqualTo(server.sent.get(0).xid()));
    }

    @Test
    void aServerThatAlwaysRefusesIsNamedInTheFailure() {
        ScriptedServer server =
                new ScriptedServer(request -> switch (request.type().orElseThrow()) {
                    case DISCOVER -> List.of(reply("offer", request, "10.77.0.150", DhcpMessageType.OFFER));
                    case REQUEST -> List.of(reply("ack", request, "10.77.0.150", DhcpMessageType.NAK));
                    default -> List.of();
                });
        assertThatThrownBy(() -> run(server, address -> false))
                .isInstanceOf(NetworkException.class)
                .hasMessage("DHCP: server 10.77.0.1 refused 10.77.0.150 on eth9");
    }
}
