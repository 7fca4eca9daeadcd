package dev.webboot.net.wifi;

import dev.webboot.net.internal.wifi.UnixDatagramSocket;
import dev.webboot.net.link.NetworkException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code wpa_supplicant} for one interface and drives it through its control socket: scans, and joins a
 * network added with {@code ADD_NETWORK}/{@code SET_NETWORK} (so secrets never touch the disk). Secrets are never
 * logged: only command names are, and wpa_supplicant runs without {@code -K}.
 */
public final class WpaSupplicant implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(WpaSupplicant.class);
    private static final long REPLY_TIMEOUT_MILLIS = 5_000;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    /** Events kept while waiting for something else; older ones are dropped. */
    private static final int MAX_QUEUED_EVENTS = 1000;

    private final String interfaceName;
    private final Process process;
    private final Path workDir;
    private final UnixDatagramSocket control;
    private final Deque<String> events = new ArrayDeque<>();
    private final boolean wired;

    private WpaSupplicant(
            String interfaceName, boolean wired, Process process, Path workDir, UnixDatagramSocket control) {
        this.interfaceName = interfaceName;
        this.wired = wired;
        this.process = process;
        this.workDir = workDir;
        this.control = control;
    }

    /**
     * Starts {@code executable} on {@code interfaceName} with {@code driver} ({@code nl80211,wext} for Wi-Fi,
     * {@code wired} for 802.1X on Ethernet), its files in a new private directory under {@code parent}.
     */
    public static WpaSupplicant start(Path executable, String interfaceName, String driver, Path parent)
            throws IOException {
        if (!Files.isExecutable(executable)) {
            throw new NetworkException(
                    executable + " is missing: Wi-Fi needs wpa_supplicant (Debian package wpasupplicant)");
        }
        Path workDir = Files.createTempDirectory(
                parent, "wpa-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path controlDir = workDir.resolve("ctrl");
        Path config = workDir.resolve("wpa_supplicant.conf");
        Files.writeString(config, WpaConfig.fileText(controlDir.toString()), StandardCharsets.US_ASCII);
        Path log = workDir.resolve("wpa_supplicant.log");
        terminateEarlier(parent, interfaceName);
        Process process = new ProcessBuilder(
                        executable.toString(), "-i", interfaceName, "-D", driver, "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            // wpa_supplicant writes -P only when it daemonizes; it stays our child, so record its pid ourselves.
            Files.writeString(workDir.resolve("wpa_supplicant.pid"), process.pid() + "\n");
            Path socketPath = controlDir.resolve(interfaceName);
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!Files.exists(socketPath)) {
                if (!process.isAlive()) {
                    throw new NetworkException("wpa_supplicant could not start on " + interfaceName + ": "
                            + lastLine(log).orElse("exit status " + process.exitValue()));
                }
                if (System.nanoTime() > deadline) {
                    throw new NetworkException("wpa_supplicant did not open its control socket for " + interfaceName
                            + " within " + START_TIMEOUT.toSeconds() + " s");
                }
                pause(50);
            }
            UnixDatagramSocket control = UnixDatagramSocket.connect(workDir.resolve("client"), socketPath);
            WpaSupplicant supplicant =
                    new WpaSupplicant(interfaceName, driver.equals("wired"), process, workDir, control);
            supplicant.expectOk("ATTACH");
            if (driver.equals("wired")) {
                supplicant.expectOk("AP_SCAN 0"); // a wired port has no access points to choose
            }
            return supplicant;
        } catch (IOException | RuntimeException e) {
            process.destroy();
            waitFor(process);
            deleteTree(workDir);
            throw e;
        }
    }

    /**
     * Stops a wpa_supplicant that an earlier {@code wifi connect} left running for {@code interfaceName} under
     * {@code parent}, so two never fight over one interface.
     */
    private static void terminateEarlier(Path parent, String interfaceName) throws IOException {
        List<Path> sockets;
        try (Stream<Path> dirs = Files.list(parent)) {
            sockets = dirs.filter(d -> d.getFileName().toString().startsWith("wpa-"))
                    .map(d -> d.resolve("ctrl").resolve(interfaceName))
                    .filter(Files::exists)
                    .toList();
        }
        for (Path socket : sockets) {
            Path dir = socket.getParent().getParent();
            try (UnixDatagramSocket control = UnixDatagramSocket.connect(dir.resolve("client"), socket)) {
                control.send("TERMINATE");
                control.receive(REPLY_TIMEOUT_MILLIS);
                LOG.info("stopped the wpa_supplicant left running on {}", interfaceName);
            } catch (IOException e) {
                LOG.debug("no wpa_supplicant behind {}: {}", socket, e.getMessage());
            }
            deleteTree(dir);
        }
    }

    /** Sends a command and returns the reply; events that arrive meanwhile are queued. */
    public String request(String command) throws IOException {
        LOG.debug("wpa_supplicant: {}", safeForLog(command));
        control.send(command);
        long deadline = System.nanoTime() + REPLY_TIMEOUT_MILLIS * 1_000_000L;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            Optional<String> message = left > 0 ? control.receive(left) : Optional.empty();
            if (message.isEmpty()) {
                throw new NetworkException("wpa_supplicant did not answer " + safeForLog(command) + " on "
                        + interfaceName + " within " + REPLY_TIMEOUT_MILLIS / 1000 + " s");
            }
            if (message.get().startsWith("<")) {
                queue(message.get());
            } else {
                return message.get();
            }
        }
    }

    /** Scans and returns what was seen, strongest signal first. */
    public List<WifiScanResult> scan(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String reply = request("SCAN").trim();
            if (reply.equals("OK")) {
                break;
            }
            if (!reply.equals("FAIL-BUSY") || System.nanoTime() > deadline) {
                throw new NetworkException("Wi-Fi: " + interfaceName + " cannot scan (" + reply + ")");
            }
            pause(200);
        }
        if (awaitEvent(e -> e.contains("CTRL-EVENT-SCAN-RESULTS") || e.contains("CTRL-EVENT-SCAN-FAILED"), deadline)
                .filter(e -> e.contains("CTRL-EVENT-SCAN-RESULTS"))
                .isEmpty()) {
            throw new NetworkException(
                    "Wi-Fi: the scan on " + interfaceName + " did not finish within " + timeout.toSeconds() + " s");
        }
        List<WifiScanResult> results = new ArrayList<>(WpaReplies.scanResults(request("SCAN_RESULTS")));
        results.sort((a, b) -> Integer.compare(b.signal(), a.signal()));
        return results;
    }

    /** Joins {@code network}; fails with a sentence saying why (wrong passphrase, not found, refused). */
    public void connect(WifiNetwork network, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        expectOk("REMOVE_NETWORK all");
        String id = request("ADD_NETWORK").trim();
        if (!id.matches("\\d+")) {
            throw new NetworkException("wpa_supplicant refused to add a network on " + interfaceName + ": " + id);
        }
        for (Map.Entry<String, String> variable :
                WpaConfig.networkVariables(network).entrySet()) {
            String reply = request("SET_NETWORK " + id + " " + variable.getKey() + " " + variable.getValue())
                    .trim();
            if (!reply.equals("OK")) {
                throw new NetworkException("wpa_supplicant refused the " + variable.getKey() + " of network \""
                        + network.ssid() + "\" on " + interfaceName + " (is it built with "
                        + network.security().cliName() + " support?)");
            }
        }
        events.clear();
        expectOk("SELECT_NETWORK " + id);
        boolean notFound = false;
        boolean handshake = false;
        String quotedSsid = "\"" + network.ssid() + "\"";
        while (true) {
            Optional<String> event = awaitEvent(e -> true, deadline);
            if (event.isEmpty()) {
                break;
            }
            String e = event.get();
            // A wired 802.1X port is open once EAP succeeds; Wi-Fi still has the 4-way handshake to do.
            if (e.contains("CTRL-EVENT-CONNECTED") || (wired && e.contains("CTRL-EVENT-EAP-SUCCESS"))) {
                LOG.info("Wi-Fi: connected to {} on {}", quotedSsid, interfaceName);
                return;
            }
            if (e.contains("CTRL-EVENT-SSID-TEMP-DISABLED") && e.contains("reason=WRONG_KEY")) {
                throw new NetworkException("Wi-Fi: wrong passphrase for " + quotedSsid + " on " + interfaceName);
            }
            if (e.contains("CTRL-EVENT-EAP-FAILURE") || e.contains("reason=AUTH_FAILED")) {
                throw new NetworkException("Wi-Fi: " + quotedSsid + " refused the identity or password on "
                        + interfaceName + " (802.1X authentication failed)");
            }
            notFound |= e.contains("CTRL-EVENT-NETWORK-NOT-FOUND");
            handshake |= e.contains("Trying to associate") || e.contains("CTRL-EVENT-EAP-STARTED");
        }
        if (notFound && !handshake) {
            throw new NetworkException(
                    "Wi-Fi: network " + quotedSsid + " not found on " + interfaceName + ": is it in range?");
        }
        throw new NetworkException("Wi-Fi: could not connect to " + quotedSsid + " on " + interfaceName + " within "
                + timeout.toSeconds() + " s");
    }

    /**
     * Leaves wpa_supplicant running (it keeps the link associated after this program exits) and closes only the
     * control connection. Its control socket stays in this instance's directory for later commands.
     */
    public void detach() throws IOException {
        try {
            request("DETACH");
        } finally {
            control.close();
        }
    }

    /** {@code STATUS} as key/value pairs ({@code wpa_state}, {@code ssid}, {@code bssid}, ...). */
    public Map<String, String> status() throws IOException {
        return WpaReplies.keyValues(request("STATUS"));
    }

    private void expectOk(String command) throws IOException {
        String reply = request(command).trim();
        if (!reply.equals("OK")) {
            throw new NetworkException(
                    "wpa_supplicant refused " + safeForLog(command) + " on " + interfaceName + ": " + reply);
        }
    }

    /** The first queued or arriving event that {@code wanted} accepts, or empty at the deadline. */
    private Optional<String> awaitEvent(Predicate<String> wanted, long deadlineNanos) throws IOException {
        while (true) {
            while (!events.isEmpty()) {
                String event = events.poll();
                if (wanted.test(event)) {
                    return Optional.of(event);
                }
            }
            long left = (deadlineNanos - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return Optional.empty();
            }
            Optional<String> message = control.receive(left);
            if (message.isEmpty()) {
                return Optional.empty();
            }
            if (message.get().startsWith("<")) {
                LOG.debug("wpa_supplicant event: {}", message.get());
                queue(message.get());
            }
        }
    }

    private void queue(String event) {
        if (events.size() >= MAX_QUEUED_EVENTS) {
            events.poll();
        }
        events.add(event);
    }

    /** The command with the value of any secret variable replaced, for logs and messages. */
    static String safeForLog(String command) {
        String[] words = command.split(" ", 4);
        if (words.length >= 3 && words[0].equals("SET_NETWORK") && WpaConfig.SECRET_VARIABLES.contains(words[2])) {
            return words[0] + " " + words[1] + " " + words[2] + " (secret)";
        }
        return command;
    }

    @Override
    public void close() throws IOException {
        try {
            try {
                request("TERMINATE");
            } catch (IOException e) {
                LOG.debug("wpa_supplicant did not take TERMINATE: {}", e.getMessage());
            }
            control.close();
        } finally {
            if (!waitFor(process)) {
                process.destroy();
                waitFor(process);
            }
            deleteTree(workDir);
        }
    }

    private static boolean waitFor(Process process) {
        try {
            if (process.waitFor(5, TimeUnit.SECONDS)) {
                return true;
            }
            process.destroyForcibly();
            return process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Optional<String> lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.isEmpty()
                    ? Optional.empty()
                    : Optional.of(lines.get(lines.size() - 1).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void pause(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for wpa_supplicant");
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p :
                    walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.debug("cannot remove {}: {}", dir, e.getMessage());
        }
    }
}
