package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.webboot.testing.ExternalTools;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code webboot net up} as PID 1's child in a QEMU guest (TCG, virtio-net, user-mode networking): Debian's kernel,
 * busybox, a jlinked Java runtime and webboot's class path in an initramfs. The address, router and DNS server must
 * be what QEMU's built-in DHCP server hands out, and busybox wget in the guest must then fetch a marker from an HTTP
 * server in this test process (reached as 10.0.2.2). The kernel comes from {@code scripts/fetch-fixtures}.
 */
class NetUpQemuTest {
    /** Load order of the virtio network drivers in Debian's 6.1 kernel (virtio_ring before virtio). */
    private static final List<String> NET_MODULES = List.of(
            "drivers/virtio/virtio_ring",
            "drivers/virtio/virtio",
            "drivers/virtio/virtio_pci_legacy_dev",
            "drivers/virtio/virtio_pci_modern_dev",
            "drivers/virtio/virtio_pci",
            "net/core/failover",
            "drivers/net/net_failover",
            "drivers/net/virtio_net");

    /** The shared libraries the JDK 17 runtime needs (ldd of bin/java and lib/server/libjvm.so). */
    private static final List<String> LIBRARIES = List.of(
            "/lib/x86_64-linux-gnu/libc.so.6",
            "/lib/x86_64-linux-gnu/libgcc_s.so.1",
            "/lib/x86_64-linux-gnu/libm.so.6",
            "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/lib/x86_64-linux-gnu/libz.so.1",
            "/lib64/ld-linux-x86-64.so.2");

    @TempDir
    Path dir;

    @Test
    void dhcpFromQemuThenHttpToTheHost() throws Exception {
        String qemu =
                ExternalTools.require("qemu-system-x86_64", "qemu-system-x86").toString();
        Path busybox = ExternalTools.require("busybox", "busybox-static");
        String cpio = ExternalTools.require("cpio", "cpio").toString();
        Path linux = fixtures().resolve("linux");
        Path vmlinuz = linux.resolve("vmlinuz");
        assertThat(vmlinuz)
                .as("run scripts/fetch-fixtures, which unpacks Debian's kernel")
                .exists();
        Path modules = linux.resolve("modules/kernel");

        Path root = dir.resolve("root");
        for (String d : List.of("bin", "dev", "proc", "sys", "tmp", "etc", "lib/modules", "opt/cp")) {
            Files.createDirectories(root.resolve(d));
        }
        Files.copy(busybox, root.resolve("bin/busybox"));
        for (String applet : List.of("sh", "mount", "insmod", "cat", "wget", "poweroff", "tr", "echo")) {
            Files.createSymbolicLink(root.resolve("bin").resolve(applet), Path.of("busybox"));
        }
        StringBuilder order = new StringBuilder();
        for (String module : NET_MODULES) {
            String name = Path.of(module).getFileName() + ".ko";
            Files.copy(
                    modules.resolve(module + ".ko"), root.resolve("lib/modules").resolve(name));
            order.append(name).append('\n');
        }
        Files.writeString(root.resolve("lib/modules/order"), order);
        for (String library : LIBRARIES) {
            Path target = root.resolve(library.substring(1));
            Files.createDirectories(target.getParent());
            Files.copy(Path.of(library), target, StandardCopyOption.COPY_ATTRIBUTES);
        }
        // A small runtime: webboot needs java.base, and java.logging for JNA.
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        ExternalTools.run(
                dir,
                jlink.toString(),
                "--add-modules",
                "java.base,java.logging",
                "--strip-debug",
                "--no-header-files",
                "--no-man-pages",
                "--output",
                root.resolve("opt/jre").toString());
        String classPath = guestClassPath(root.resolve("opt/cp"));

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
            Files.writeString(
                    root.resolve("init"),
                    String.join(
                            "\n",
                            "#!/bin/sh",
                            "mount -t proc p /proc; mount -t sysfs s /sys; mount -t devtmpfs d /dev",
                            "for m in $(cat /lib/modules/order); do insmod /lib/modules/$m; done",
                            "/opt/jre/bin/java -XX:TieredStopAtLevel=1 -cp " + classPath
                                    + " dev.webboot.cli.Main net up --json > /tmp/out",
                            "echo \"NET-UP-STATUS: $?\"",
                            "echo \"NET-UP-JSON: $(cat /tmp/out)\"",
                            "echo \"RESOLV: $(tr '\\n' '|' < /etc/resolv.conf)\"",
                            "echo \"HTTP: $(wget -q -O - http://10.0.2.2:" + port + "/marker.txt)\"",
                            "poweroff -f",
                            ""));
            root.resolve("init").toFile().setExecutable(true, false);
            Path initrd = dir.resolve("initrd.cpio");
            ExternalTools.run(root, "sh", "-c", "find . | " + cpio + " -o -H newc --quiet > " + initrd);

            ExternalTools.Result result = ExternalTools.runAllowingFailure(
                    dir,
                    "timeout",
                    "300",
                    qemu,
                    "-accel",
                    "tcg",
                    "-m",
                    "1G",
                    "-smp",
                    "1",
                    "-nographic",
                    "-no-reboot",
                    "-kernel",
                    vmlinuz.toString(),
                    "-initrd",
                    initrd.toString(),
                    "-append",
                    "console=ttyS0 panic=-1 quiet",
                    "-netdev",
                    "user,id=n0",
                    "-device",
                    "virtio-net-pci,netdev=n0");
            String serial = result.stdoutText();
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

    /** Copies this test's class path (minus test classes and test libraries) into the guest; returns its form there. */
    private static String guestClassPath(Path target) throws IOException {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            String name = source.getFileName().toString();
            if (name.equals("test-classes")
                    || name.matches("(junit|assertj|opentest4j|apiguardian|jqwik|byte-buddy).*")
                    || name.contains("surefire")
                    || !Files.exists(source)) {
                continue;
            }
            Path copy = target.resolve((n++) + "-" + name);
            if (Files.isDirectory(source)) {
                try (Stream<Path> walk = Files.walk(source)) {
                    for (Path p : walk.toList()) {
                        Path to = copy.resolve(source.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(p, to);
                        }
                    }
                }
            } else {
                Files.copy(source, copy);
            }
            entries.add("/opt/cp/" + copy.getFileName());
        }
        return String.join(":", entries);
    }

    private static Path fixtures() {
        String root = System.getenv("WEBBOOT_TEST_ROOT");
        return Path.of(root == null ? "." : root, ".cache", "fixtures");
    }
}
