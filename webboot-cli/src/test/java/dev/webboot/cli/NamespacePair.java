package dev.webboot.cli;

import dev.webboot.testing.ExternalTools;
import dev.webboot.testing.RuntimeClassPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two network namespaces joined by a veth pair: {@code veth0} (10.99.0.1/24) in the server namespace and
 * {@code veth1} (MAC {@link #CLIENT_MAC}, no address, down) in the client namespace, with an optional dnsmasq as DHCP
 * server. The test harness uses iproute2's {@code ip}; webboot itself never does. Names are unique per run and
 * everything is removed by {@link #close()}. Needs root, as CI runs the tests.
 */
final class NamespacePair implements AutoCloseable {
    static final String CLIENT_MAC = "02:42:ac:99:00:07";
    static final String SERVER_ADDRESS = "10.99.0.1";
    static final String DNS_SERVER = "10.99.0.53";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    final String server;
    final String client;
    private final Path dir;
    private final String ip;
    private final List<Path> pidFiles = new ArrayList<>();
    private final List<Path> runDirs = new ArrayList<>();

    NamespacePair(Path dir) {
        this.dir = dir;
        this.ip = ExternalTools.require("ip", "iproute2").toString();
        String id = ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        this.server = "wbsrv-" + id;
        this.client = "wbcli-" + id;
        try {
            ExternalTools.run(dir, ip, "netns", "add", server);
            ExternalTools.run(dir, ip, "netns", "add", client);
            ExternalTools.run(
                    dir, ip, "-n", server, "link", "add", "veth0", "type", "veth", "peer", "name", "veth1", "netns",
                    client);
            ExternalTools.run(dir, ip, "-n", client, "link", "set", "veth1", "address", CLIENT_MAC);
            ExternalTools.run(dir, ip, "-n", server, "addr", "add", SERVER_ADDRESS + "/24", "dev", "veth0");
            ExternalTools.run(dir, ip, "-n", server, "link", "set", "veth0", "up");
            ExternalTools.run(dir, ip, "-n", server, "link", "set", "lo", "up");
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Starts dnsmasq in the server namespace, leasing 10.99.0.100-150/24 with router, DNS, domain and MTU. */
    Path startDnsmasq(String... extraOptions) throws IOException {
        return startDnsmasqOn("veth0", "10.99.0", extraOptions);
    }

    /**
     * Adds a second veth pair, {@code veth2} (10.99.1.1/24) in the server namespace and {@code veth3} in the client
     * namespace, created after the first so the client's {@code veth1} has the lower index.
     */
    void addSecondPair() {
        ExternalTools.run(
                dir, ip, "-n", server, "link", "add", "veth2", "type", "veth", "peer", "name", "veth3", "netns",
                client);
        ExternalTools.run(dir, ip, "-n", server, "addr", "add", "10.99.1.1/24", "dev", "veth2");
        ExternalTools.run(dir, ip, "-n", server, "link", "set", "veth2", "up");
    }

    /** Starts dnsmasq on {@code serverInterface}, leasing {@code subnet}.100-150/24 with router {@code subnet}.1. */
    Path startDnsmasqOn(String serverInterface, String subnet, String... extraOptions) throws IOException {
        String dnsmasq = ExternalTools.require("dnsmasq", "dnsmasq").toString();
        Path pidFile = dir.resolve("dnsmasq-" + server + ".pid");
        Path leases = dir.resolve("dnsmasq-" + server + ".leases");
        List<String> command = new ArrayList<>(List.of(
                ip,
                "netns",
                "exec",
                server,
                dnsmasq,
                "--conf-file=/dev/null",
                "--no-resolv",
                "--no-hosts",
                "--port=0",
                "--interface=" + serverInterface,
                "--bind-interfaces",
                "--dhcp-range=" + subnet + ".100," + subnet + ".150,255.255.255.0,1h",
                "--dhcp-option=option:router," + subnet + ".1",
                "--dhcp-option=option:dns-server," + DNS_SERVER,
                "--dhcp-option=option:domain-name,webboot.test",
                "--dhcp-option=option:mtu,1400",
                "--dhcp-leasefile=" + leases,
                "--pid-file=" + pidFile,
                "--log-dhcp",
                "--log-facility=" + dir.resolve("dnsmasq-" + server + ".log")));
        command.addAll(List.of(extraOptions));
        pidFiles.add(pidFile);
        // dnsmasq daemonizes once it is listening, so the run returns when it is ready.
        ExternalTools.run(dir, command.toArray(String[]::new));
        return leases;
    }

    /**
     * Starts hostapd in the server namespace as a wired 802.1X authenticator on veth0 with its own EAP server:
     * PEAP with MSCHAPv2 inside for {@code identity}/{@code password}, a fresh self-signed certificate from openssl.
     */
    Path startHostapd8021x(String identity, String password) throws IOException {
        String hostapd = ExternalTools.require("hostapd", "hostapd").toString();
        String openssl = ExternalTools.require("openssl", "openssl").toString();
        Path key = dir.resolve("radius.key");
        Path cert = dir.resolve("radius.pem");
        ExternalTools.run(
                dir,
                openssl,
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString(),
                "-days",
                "2",
                "-subj",
                "/CN=webboot-test-radius");
        Path users = dir.resolve("eap_users");
        // The password in hex, so any character in it reaches hostapd unchanged.
        String hexPassword = java.util.HexFormat.of().formatHex(password.getBytes(StandardCharsets.UTF_8));
        Files.writeString(users, "\"" + identity + "\" PEAP\n\"" + identity + "\" MSCHAPV2 " + hexPassword + " [2]\n");
        Path config = dir.resolve("hostapd.conf");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "interface=veth0",
                        "driver=wired",
                        "ieee8021x=1",
                        "eap_server=1",
                        "eapol_version=2",
                        "eap_user_file=" + users,
                        "ca_cert=" + cert,
                        "server_cert=" + cert,
                        "private_key=" + key,
                        ""));
        Path pidFile = dir.resolve("hostapd-" + server + ".pid");
        Path log = dir.resolve("hostapd-" + server + ".log");
        pidFiles.add(pidFile);
        ExternalTools.run(
                dir,
                ip,
                "netns",
                "exec",
                server,
                hostapd,
                "-B",
                "-P",
                pidFile.toString(),
                "-f",
                log.toString(),
                config.toString());
        return log;
    }

    /** Stops, at {@link #close()}, the wpa_supplicant instances webboot left running under {@code runDir}. */
    void stopWpaSupplicantsUnder(Path runDir) {
        runDirs.add(runDir);
    }

    Path dnsmasqLog() {
        return dir.resolve("dnsmasq-" + server + ".log");
    }

    /** Runs {@code webboot ARGS} in a fresh JVM inside the client namespace, on webboot's run-time class path. */
    ExternalTools.Result webboot(String... args) {
        List<String> command = new ArrayList<>(List.of(
                ip,
                "netns",
                "exec",
                client,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                RuntimeClassPath.joined(),
                "dev.webboot.cli.Main"));
        command.addAll(List.of(args));
        return ExternalTools.runAllowingFailure(dir, command.toArray(String[]::new));
    }

    /** {@code ip -n NS ARGS...} output. */
    String ipIn(String namespace, String... args) {
        List<String> command = new ArrayList<>(List.of(ip, "-n", namespace));
        command.addAll(List.of(args));
        return ExternalTools.run(dir, command.toArray(String[]::new)).stdoutText();
    }

    @Override
    public void close() {
        for (Path runDir : runDirs) {
            try (java.util.stream.Stream<Path> dirs =
                    Files.exists(runDir) ? Files.list(runDir) : java.util.stream.Stream.empty()) {
                dirs.map(d -> d.resolve("wpa_supplicant.pid"))
                        .filter(Files::exists)
                        .forEach(pidFiles::add);
            } catch (IOException e) {
                System.err.println("cannot list " + runDir + ": " + e);
            }
        }
        for (Path pidFile : pidFiles) {
            try {
                if (Files.exists(pidFile)) {
                    long pid = Long.parseLong(
                            Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
                }
            } catch (IOException | NumberFormatException e) {
                System.err.println("cannot stop dnsmasq: " + e);
            }
        }
        ExternalTools.runAllowingFailure(dir, ip, "netns", "del", server);
        ExternalTools.runAllowingFailure(dir, ip, "netns", "del", client);
    }
}
