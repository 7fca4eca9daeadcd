package dev.webboot.net.dhcp;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** Where a {@link DhcpClient} sends its broadcasts and receives the servers' replies. */
public interface DhcpTransport extends Closeable {
    /** Sends one message from 0.0.0.0:68 to the limited broadcast address 255.255.255.255:67. */
    void broadcast(byte[] message) throws IOException;

    /** The next datagram that arrives on port 68 within {@code timeout}, or empty. */
    Optional<byte[]> receive(Duration timeout) throws IOException;
}
