package dev.webboot.cli;

import static dev.webboot.testing.ExternalTools.require;
import static dev.webboot.testing.ExternalTools.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.webboot.testing.DebianKernel;
import dev.webboot.testing.IsoBuilder;
import dev.webboot.testing.RuntimeClassPath;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The menu as a person uses it: {@code webboot menu} in a tmux pane, keys sent with {@code send-keys}, the screen read
 * with {@code capture-pane}. The catalog points at a live-boot ISO made by xorriso, served over HTTP by this test, its
 * SHA256SUMS signed by a key GnuPG makes here; the menu really downloads it (into a file standing in for the pmem
 * device), verifies it, plans it, and shows the dry run's command line.
 */
class MenuTmuxTest {
    @TempDir
    static Path dir;

    static HttpServer server;
    static final List<String> requests = new CopyOnWriteArrayList<>();
    static Path catalog;
    static Path keyring;
    static String base;

    @BeforeAll
    static void publish() throws Exception {
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("live"));
        Files.createDirectories(tree.resolve("boot/grub"));
        // Debian's real kernel: the dry run's kexec preparation checks a real bzImage (and its ~8 MiB make the
        // download's progress visible).
        Files.copy(DebianKernel.get().vmlinuz(), tree.resolve("live/vmlinuz"));
        Files.writeString(tree.resolve("live/initrd.img"), "initrd");
        Files.writeString(tree.resolve("live/filesystem.squashfs"), "squashfs");
        Files.writeString(
                tree.resolve("boot/grub/grub.cfg"),
                "set default=0\n"
                        + "menuentry \"Live system (menu test)\" {\n"
                        + "  linux /live/vmlinuz boot=live components menutest=normal\n"
                        + "  initrd /live/initrd.img\n}\n"
                        + "menuentry \"Live system (failsafe)\" {\n"
                        + "  linux /live/vmlinuz boot=live components menutest=failsafe noapic\n"
                        + "  initrd /live/initrd.img\n}\n");
        Path www = dir.resolve("www");
        for (String d : List.of("good", "mirror", "bad")) {
            Files.createDirectories(www.resolve(d));
        }
        Path iso = www.resolve("good/live.iso");
        IsoBuilder.of(tree).label("d-live menu test").build(iso);
        Files.copy(iso, www.resolve("mirror/live.iso"));
        // The tampered image: one byte changed in the middle (inside the kernel).
        Files.copy(iso, www.resolve("bad/live.iso"));
        try (RandomAccessFile bad =
                new RandomAccessFile(www.resolve("bad/live.iso").toFile(), "rw")) {
            long middle = bad.length() / 2;
            bad.seek(middle);
            int b = bad.read();
            bad.seek(middle);
            bad.write(b ^ 0xff);
        }
        Files.writeString(www.resolve("SHA256SUMS"), sha256(iso) + "  live.iso\n");

        Path gnupg = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(gnupg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        String gpg = require("gpg", "gnupg").toString();
        List<String> batch = List.of(
                gpg,
                "--homedir",
                gnupg.toString(),
                "--batch",
                "--yes",
                "--pinentry-mode",
                "loopback",
                "--passphrase",
                "");
        run(dir, concat(batch, "--quick-gen-key", "Menu Test <menu@example.org>", "ed25519", "sign", "1y"));
        String fingerprint = run(dir, concat(batch, "--with-colons", "--list-keys", "menu@example.org"))
                .stdoutText()
                .lines()
                .filter(l -> l.startsWith("fpr:"))
                .findFirst()
                .orElseThrow()
                .split(":")[9];
        keyring = dir.resolve("menu-test.gpg");
        run(dir, concat(batch, "--output", keyring.toString(), "--export", fingerprint));
        run(
                dir,
                concat(
                        batch,
                        "--output",
                        www.resolve("SHA256SUMS.gpg").toString(),
                        "--detach-sign",
                        www.resolve("SHA256SUMS").toString()));

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            Path file = www.resolve(path.substring(1)).normalize();
            if (!file.startsWith(www) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            long size = Files.size(file);
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().add("Content-Length", String.valueOf(size));
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(200, size);
                try (OutputStream out = exchange.getResponseBody()) {
                    Files.copy(file, out);
                }
            }
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();

        catalog = dir.resolve("catalog.json");
        Files.writeString(
                catalog,
                "{\"schema\": 1, \"entries\": ["
                        + entry("menutest-tampered", "Menu Test Tampered", base + "/bad/live.iso", "", fingerprint)
                        + ","
                        + entry(
                                "menutest-live",
                                "Menu Test Live",
                                base + "/good/live.iso",
                                "\"" + base + "/mirror/live.iso\"",
                                fingerprint)
                        + "]}",
                StandardCharsets.UTF_8);
    }

    private static String entry(String id, String name, String url, String mirrors, String fingerprint) {
        return "{\"id\": \"" + id + "\", \"name\": \"" + name + "\", \"version\": \"1.0\", \"arch\": \"x86_64\","
                + " \"url\": \"" + url + "\", \"mirrors\": [" + mirrors + "],"
                + " \"sums\": \"" + base + "/SHA256SUMS\", \"signature\": \"" + base + "/SHA256SUMS.gpg\","
                + " \"signatureCovers\": \"sums\", \"fingerprints\": [\"" + fingerprint + "\"],"
                + " \"family\": \"live-boot\", \"minPmemBytes\": 16777216}";
    }

    private static String[] concat(List<String> head, String... tail) {
        return java.util.stream.Stream.concat(head.stream(), java.util.Arrays.stream(tail))
                .toArray(String[]::new);
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** The shell command that runs the menu with the test class path, on terminal type {@code term}. */
    private static String menu(String term, String name) throws IOException {
        Path device = dir.resolve(name + "-pmem.img");
        try (RandomAccessFile file = new RandomAccessFile(device.toFile(), "rw")) {
            file.setLength(64L << 20);
        }
        Path classPath = dir.resolve(name + ".classpath");
        Files.writeString(classPath, RuntimeClassPath.joined());
        return "cd '" + dir + "' && env -u http_proxy -u https_proxy -u HTTP_PROXY -u HTTPS_PROXY TERM=" + term
                + " '" + Path.of(System.getProperty("java.home"), "bin", "java") + "'"
                + " -cp \"$(cat '" + classPath + "')\" " + Main.class.getName()
                + " menu --catalog '" + catalog + "' --keyring '" + keyring + "'"
                + " --dry-run --medium pmem --device '" + device + "' --no-inject"
                + " --log '" + dir.resolve(name + "-boot.log") + "'";
    }

    @Test
    void arrowKeysOnAnXtermChooseTheMirrorAndTheEntryAndShowTheDryRun() throws Exception {
        requests.clear();
        try (Tmux tmux = Tmux.start(dir, 100, 30, menu("xterm-256color", "xterm"))) {
            String distros = tmux.waitFor("Choose a distribution");
            assertThat(distros)
                    .contains("Catalog: " + catalog)
                    .containsPattern("> +1\\) Menu Test Tampered +1\\.0 +16\\.0 MiB +openpgp")
                    .containsPattern("\n +2\\) Menu Test Live +1\\.0 +16\\.0 MiB +openpgp")
                    .contains("3) Quit");
            tmux.keys("Down");
            // The highlight moved: the second line is marked, the first is not.
            assertThat(tmux.waitForMatch("> +2\\) Menu Test Live")).containsPattern("\n +1\\) Menu Test Tampered");
            tmux.keys("Enter");

            String mirrors = tmux.waitFor("Choose a mirror for Menu Test Live");
            assertThat(mirrors)
                    .contains("1) 127.0.0.1  " + base + "/good/live.iso")
                    .contains("2) 127.0.0.1  " + base + "/mirror/live.iso");
            tmux.keys("Down", "Enter");

            String network = tmux.waitFor("webboot: Network");
            assertThat(network).contains("lo ", "loopback", "Continue: download and boot Menu Test Live");
            tmux.keys("Enter");

            String entries = tmux.waitFor("Choose a boot entry of Menu Test Live");
            assertThat(entries)
                    .containsPattern("> +1\\) Live system \\(menu test\\)  \\(default\\)")
                    .contains("2) Live system (failsafe)")
                    .contains("3) Back to the distributions (boot nothing)");
            // The download's progress was drawn in place (carriage returns) and reached 100 %.
            String raw = tmux.raw();
            assertThat(raw).containsPattern("\rlive\\.iso  [0-9.]+ MiB / [0-9.]+ MiB  100%");
            tmux.keys("Down", "Enter");

            String result = tmux.waitFor("Dry run of Menu Test Live finished");
            assertThat(result)
                    .contains("Entry: Live system (failsafe)")
                    .containsPattern("Command line: boot=live components menutest=failsafe noapic [^\n]*")
                    .contains("Kernel: /live/vmlinuz")
                    .containsPattern("Verified: [^\n]*/SHA256SUMS, signed by [0-9A-F]{40}")
                    .contains("Dry run: nothing was loaded or executed.");
            tmux.keys("Enter");
            tmux.waitFor("[exit status 0]");
        }
        // The image came from the mirror the person chose, not from the entry's first URL.
        assertThat(requests).contains("GET /mirror/live.iso").doesNotContain("GET /good/live.iso");
    }

    @Test
    void webbootAloneOnATerminalIsTheMenuOfTheBuiltInCatalog() throws Exception {
        Path classPath = dir.resolve("alone.classpath");
        Files.writeString(classPath, RuntimeClassPath.joined());
        String command = "cd '" + dir + "' && TERM=dumb '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -cp \"$(cat '" + classPath + "')\" " + Main.class.getName();
        try (Tmux tmux = Tmux.start(dir, 100, 30, command)) {
            String screen = tmux.waitForMatch("Choose 1-[0-9]+ \\(Enter: 1\\): ");
            assertThat(screen).contains("== Choose a distribution ==", "Catalog: built-in catalog", "Quit");
            String quit = screen.lines()
                    .filter(l -> l.endsWith(") Quit"))
                    .findFirst()
                    .orElseThrow()
                    .strip();
            tmux.keys(quit.substring(0, quit.indexOf(')')), "Enter");
            tmux.waitFor("[exit status 0]");
        }
    }

    @Test
    void aDumbTerminalGetsNumberedListsAndPlainLines() throws Exception {
        try (Tmux tmux = Tmux.start(dir, 100, 30, menu("dumb", "dumb"))) {
            tmux.waitFor("Choose 1-3 (Enter: 1): ");
            assertThat(tmux.screen())
                    .contains("== Choose a distribution ==")
                    .containsPattern("\n +1\\) Menu Test Tampered +1\\.0 +16\\.0 MiB +openpgp")
                    .containsPattern("\n +2\\) Menu Test Live ");
            tmux.keys("2", "Enter");
            tmux.waitFor("== Choose a mirror for Menu Test Live ==");
            tmux.keys("1", "Enter");
            tmux.waitFor("== Network ==");
            tmux.keys("1", "Enter");
            tmux.waitFor("== Choose a boot entry of Menu Test Live ==");
            tmux.keys("1", "Enter");
            tmux.waitFor("== Dry run of Menu Test Live finished ==");
            tmux.keys("1", "Enter");
            tmux.waitFor("[exit status 0]");
            String all = tmux.history();
            assertThat(all)
                    .containsPattern("\nlive\\.iso  [0-9.]+ MiB / [0-9.]+ MiB  100%")
                    .contains("Entry: Live system (menu test)")
                    .containsPattern("Command line: boot=live components menutest=normal ");
            // A serial console gets whole lines: no escape sequence, no carriage return without its line feed.
            String raw = tmux.raw();
            assertThat(raw).doesNotContain("\u001b");
            assertThat(raw.replace("\r\n", "\n")).doesNotContain("\r");
        }
    }

    @Test
    void aTamperedImageIsRefusedInPlaceWithRetryBackAndShell() throws Exception {
        try (Tmux tmux = Tmux.start(dir, 100, 30, menu("xterm-256color", "tampered"))) {
            tmux.waitFor("Choose a distribution");
            tmux.keys("Enter");
            tmux.waitFor("webboot: Network");
            tmux.keys("Enter");
            String failed = tmux.waitFor("The boot of Menu Test Tampered failed");
            assertThat(failed)
                    .containsPattern(
                            "webboot: [^\n]*/bad/live\\.iso: the SHA-256 of the downloaded bytes is [0-9a-f]{64}, but"
                                    + " [^\n]*/SHA256SUMS, signed by [0-9A-F]{40} says [0-9a-f]{64}")
                    .containsPattern("> +1\\) Retry")
                    .contains("2) Back")
                    .contains("3) Leave the menu for a shell (exit status 1)")
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
            String sentence = failed.lines()
                    .filter(l -> l.startsWith("webboot: ") && l.contains("live.iso"))
                    .findFirst()
                    .orElseThrow();
            // Back (Escape) leads to the distributions; choosing it again fails again; 3 leaves with status 1.
            tmux.keys("Escape");
            tmux.waitFor("Choose a distribution");
            tmux.keys("Enter");
            tmux.waitFor("webboot: Network");
            tmux.keys("Enter");
            tmux.waitFor("The boot of Menu Test Tampered failed");
            tmux.keys("3", "Enter");
            String end = tmux.waitFor("[exit status 1]");
            assertThat(end).contains(sentence);
        }
    }
}
