package dev.webboot.net.internal.wifi;

import dev.webboot.net.internal.link.LibC;
import dev.webboot.net.internal.link.NativeSocket;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A Unix-domain datagram socket bound to a path of its own and connected to a peer's path, which is how
 * wpa_supplicant's control interface talks (the JDK has only stream Unix sockets).
 */
public final class UnixDatagramSocket implements Closeable {
    /** {@code sizeof(sun_path)}, the terminating NUL included. */
    private static final int MAX_PATH = 108;

    private final NativeSocket socket;
    private final Path local;
    private final byte[] buffer = new byte[16384];

    private UnixDatagramSocket(NativeSocket socket, Path local) {
        this.socket = socket;
        this.local = local;
    }

    public static UnixDatagramSocket connect(Path local, Path peer) throws IOException {
        NativeSocket socket = NativeSocket.open(LibC.AF_UNIX, LibC.SOCK_DGRAM, 0, "control socket " + peer);
        try {
            Files.deleteIfExists(local);
            socket.bind(address(local));
            socket.connect(address(peer));
            return new UnixDatagramSocket(socket, local);
        } catch (IOException e) {
            socket.close();
            Files.deleteIfExists(local);
            throw e;
        }
    }

    public void send(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.send(bytes, bytes.length, new byte[0]);
    }

    public Optional<String> receive(long timeoutMillis) throws IOException {
        return socket.receive(buffer, timeoutMillis).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    private static byte[] address(Path path) throws IOException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= MAX_PATH) {
            throw new IOException(path + ": a Unix socket path has fewer than " + MAX_PATH + " bytes");
        }
        ByteBuffer out = ByteBuffer.allocate(2 + MAX_PATH).order(ByteOrder.nativeOrder());
        out.putShort((short) LibC.AF_UNIX).put(name);
        return out.array();
    }

    @Override
    public void close() throws IOException {
        try {
            socket.close();
        } finally {
            Files.deleteIfExists(local);
        }
    }
}
