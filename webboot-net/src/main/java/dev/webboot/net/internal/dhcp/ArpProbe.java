package dev.webboot.net.internal.dhcp;

import dev.webboot.net.dhcp.AddressProbe;
import dev.webboot.net.internal.link.LibC;
import dev.webboot.net.internal.link.NativeSocket;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 5227 address conflict detection: broadcasts ARP probes (sender address 0.0.0.0) for the address about to be
 * used and reports a conflict when another machine answers for it, or probes for it too.
 */
public final class ArpProbe implements AddressProbe {
    private static final Logger LOG = LoggerFactory.getLogger(ArpProbe.class);
    private static final int ETH_P_ARP = 0x0806;
    private static final int ETH_P_IP = 0x0800;
    private static final int ARP_LENGTH = 28;
    private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};

    private final String interfaceName;
    private final int interfaceIndex;
    private final byte[] mac;
    private final int probes;
    private final Duration interval;

    /** Sends {@code probes} probes {@code interval} apart and listens until {@code interval} after the last. */
    public ArpProbe(String interfaceName, int interfaceIndex, byte[] mac, int probes, Duration interval) {
        this.interfaceName = interfaceName;
        this.interfaceIndex = interfaceIndex;
        this.mac = mac.clone();
        this.probes = probes;
        this.interval = interval;
    }

    @Override
    public boolean inUse(Inet4Address address) throws IOException {
        int protocol = Short.toUnsignedInt(networkOrder((short) ETH_P_ARP));
        try (NativeSocket socket =
                NativeSocket.open(LibC.AF_PACKET, LibC.SOCK_DGRAM, protocol, "ARP socket on " + interfaceName)) {
            socket.bind(linkAddress(new byte[0]));
            byte[] buffer = new byte[1500];
            byte[] target = address.getAddress();
            for (int i = 0; i < probes; i++) {
                socket.send(probe(target), ARP_LENGTH, linkAddress(BROADCAST));
                long end = System.nanoTime() + interval.toNanos();
                while (true) {
                    long left = (end - System.nanoTime()) / 1_000_000L;
                    if (left <= 0) {
                        break;
                    }
                    Optional<byte[]> packet = socket.receive(buffer, left);
                    if (packet.isEmpty()) {
                        break;
                    }
                    if (conflicts(packet.get(), target)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** An ARP reply or request from another hardware address whose sender address is the one we want. */
    private boolean conflicts(byte[] arp, byte[] target) {
        if (arp.length < ARP_LENGTH || arp[4] != 6 || arp[5] != 4) {
            return false;
        }
        byte[] senderMac = Arrays.copyOfRange(arp, 8, 14);
        byte[] senderIp = Arrays.copyOfRange(arp, 14, 18);
        byte[] targetIp = Arrays.copyOfRange(arp, 24, 28);
        if (Arrays.equals(senderMac, mac)) {
            return false;
        }
        boolean answers = Arrays.equals(senderIp, target);
        boolean probesToo = Arrays.equals(senderIp, new byte[4]) && Arrays.equals(targetIp, target);
        if (answers || probesToo) {
            LOG.debug(
                    "ARP: {} is used on {} by {}", Arrays.toString(target), interfaceName, Arrays.toString(senderMac));
        }
        return answers || probesToo;
    }

    private byte[] probe(byte[] target) {
        return ByteBuffer.allocate(ARP_LENGTH)
                .putShort((short) 1) // Ethernet
                .putShort((short) ETH_P_IP)
                .put((byte) 6)
                .put((byte) 4)
                .putShort((short) 1) // request
                .put(mac)
                .put(new byte[4]) // sender 0.0.0.0: a probe
                .put(new byte[6])
                .put(target)
                .array();
    }

    /** A {@code struct sockaddr_ll} for this interface, with {@code destination} as the hardware address. */
    private byte[] linkAddress(byte[] destination) {
        ByteBuffer out = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        out.putShort((short) LibC.AF_PACKET)
                .putShort(networkOrder((short) ETH_P_ARP))
                .putInt(interfaceIndex)
                .putShort((short) 1)
                .put((byte) 0)
                .put((byte) destination.length)
                .put(Arrays.copyOf(destination, 8));
        return out.array();
    }

    /** The value whose in-memory bytes are {@code value} in network order, as {@code htons} gives. */
    private static short networkOrder(short value) {
        return ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? value : Short.reverseBytes(value);
    }
}
