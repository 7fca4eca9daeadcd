package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.webboot.testing.QemuGuest;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code webboot net up} in a QEMU guest (TCG, virtio-net, user-mode networking): the address, router and DNS server
 * must be what QEMU's built-in DHCP server hands out, and busybox wget in the guest must then fetch a marker from an
 * HTTP server in this test process (reached as 10.0.2.2).
 */
class NetUpQemuTest {
    @TempDir
    Path dir;

    @Test
    void dhcpFromQemuThenHttpToTheHost() throws Exception {
        QemuGuest guest = new QemuGuest(dir)
                .modules(
                        "drivers/virtio/virtio_ring",
                        "drivers/virtio/virtio",
                        "drivers/virtio/virtio_pci_legacy_dev",
                        "drivers/virtio/virtio_pci_modern_dev",
                        "drivers/virtio/virtio_pci",
                        "net/core/failover",
                        "drivers/net/net_failover",
                        "drivers/net/virtio_net")
                .java();
        String marker = "marker-" + UUID.randomUUID();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/marker.txt", exchange -> {
            byte[] body = marker.getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        try {
            int port = http.getAddress().getPort();
            String serial = guest.boot(
                    String.join(
                            "\n",
                            guest.webboot("net up --json") + " > /tmp/out",
                            "echo \"NET-UP-STATUS: $?\"",
                            "echo \"NET-UP-JSON: $(cat /tmp/out)\"",
                            "echo \"RESOLV: $(tr '\\n' '|' < /etc/resolv.conf)\"",
                            "echo \"HTTP: $(wget -q -O - http://10.0.2.2:" + port + "/marker.txt)\""),
                    "-netdev",
                    "user,id=n0",
                    "-device",
                    "virtio-net-pci,netdev=n0");
            assertThat(serial).as(serial).contains("NET-UP-STATUS: 0");
            assertThat(serial)
                    .contains("NET-UP-JSON: {\"interface\":\"eth0\",\"address\":\"10.0.2.15/24\","
                            + "\"router\":\"10.0.2.2\",\"dns\":[\"10.0.2.3\"],\"domain\":null,\"source\":\"dhcp\"}")
                    .contains("RESOLV: # written by webboot from the DHCP lease of eth0 from 10.0.2.2|"
                            + "nameserver 10.0.2.3|")
                    .contains("HTTP: " + marker);
        } finally {
            http.stop(0);
        }
    }
}
