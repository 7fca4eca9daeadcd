package dev.webboot.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 server on a loopback socket that answers every request with 200, no Content-Length and a body of zeros
 * that never ends (until the client hangs up): the hostile server a size cap must hold against. MockWebServer cannot
 * play it, since its bodies are finite in-memory buffers.
 */
public final class EndlessHttpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread acceptor;
    private final AtomicLong bytesSent = new AtomicLong();

    private EndlessHttpServer(ServerSocket socket) {
        this.socket = socket;
        this.acceptor = new Thread(this::serve, "endless-http");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a server on an ephemeral loopback port. */
    public static EndlessHttpServer start() throws IOException {
        return new EndlessHttpServer(new ServerSocket(0, 8, InetAddress.getLoopbackAddress()));
    }

    /** The URL of {@code path} on this server. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    /** The body bytes written to all clients so far. */
    public long bytesSent() {
        return bytesSent.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread worker = new Thread(() -> stream(client), "endless-http-client");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void stream(Socket client) {
        try (client;
                InputStream in = client.getInputStream();
                OutputStream out = client.getOutputStream()) {
            skipRequestHead(in);
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] zeros = new byte[64 * 1024];
            while (true) {
                out.write(zeros);
                bytesSent.addAndGet(zeros.length);
            }
        } catch (IOException clientHungUp) {
            // the client stopped reading: what the server is for
        }
    }

    private static void skipRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed before its request ended");
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
