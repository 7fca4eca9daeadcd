package dev.webboot.net.internal.dhcp;

import dev.webboot.net.dhcp.DhcpCodec;
import dev.webboot.net.dhcp.DhcpTransport;
import dev.webboot.net.internal.link.LibC;
import dev.webboot.net.internal.link.NativeSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * A UDP socket on 0.0.0.0:68 bound to one interface with {@code SO_BINDTODEVICE}. The kernel sends a limited
 * broadcast from 0.0.0.0 out of the bound device while it has no address yet, and delivers the server's broadcast
 * replies (the client sets the broadcast flag) to the socket. The JDK cannot bind a socket to a device, hence JNA.
 */
public final class UdpDhcpTransport implements DhcpTransport {
    private static final int CLIENT_PORT = 68;
    private static final int SERVER_PORT = 67;

    private final NativeSocket socket;
    private final byte[] buffer = new byte[DhcpCodec.MAXIMUM_LENGTH];

    private UdpDhcpTransport(NativeSocket socket) {
        this.socket = socket;
    }

    public static UdpDhcpTransport open(String interfaceName) throws IOException {
        NativeSocket socket = NativeSocket.open(LibC.AF_INET, LibC.SOCK_DGRAM, 0, "DHCP socket on " + interfaceName);
        try {
            socket.setOption(LibC.SOL_SOCKET, LibC.SO_REUSEADDR, 1);
            socket.setOption(LibC.SOL_SOCKET, LibC.SO_BROADCAST, 1);
            byte[] name = Arrays.copyOf(interfaceName.getBytes(StandardCharsets.US_ASCII), interfaceName.length() + 1);
            socket.setOption(LibC.SOL_SOCKET, LibC.SO_BINDTODEVICE, name);
            socket.bind(inet(new byte[4], CLIENT_PORT));
            return new UdpDhcpTransport(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public void broadcast(byte[] message) throws IOException {
        socket.send(message, message.length, inet(new byte[] {-1, -1, -1, -1}, SERVER_PORT));
    }

    @Override
    public Optional<byte[]> receive(Duration timeout) throws IOException {
        return socket.receive(buffer, Math.max(1, timeout.toMillis()));
    }

    /** A {@code struct sockaddr_in}: family in host order, port and address in network order, 8 bytes of zeros. */
    static byte[] inet(byte[] address, int port) {
        ByteBuffer out = ByteBuffer.allocate(16);
        out.order(ByteOrder.nativeOrder()).putShort((short) LibC.AF_INET);
        out.order(ByteOrder.BIG_ENDIAN).putShort((short) port).put(address);
        return out.array();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
