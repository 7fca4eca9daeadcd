package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code webboot wifi connect} drives the real wpa_supplicant through its control socket. Without a Wi-Fi radio on
 * the host (mac80211_hwsim needs a kernel module the CI host lacks) the same code path is exercised with
 * wpa_supplicant's {@code wired} driver: 802.1X PEAP/MSCHAPv2 — the WPA2-Enterprise authentication — against
 * hostapd's EAP server on the other end of a veth pair, followed by DHCP from dnsmasq.
 */
class Wired8021xNamespaceTest {
    private static final String PASSWORD = "correct \"horse\" # battery";

    @TempDir
    Path dir;

    @Test
    void peapAuthenticationThenDhcp() throws Exception {
        ExternalTools.require("wpa_supplicant", "wpasupplicant");
        try (NamespacePair net = new NamespacePair(dir)) {
            Path hostapdLog = net.startHostapd8021x("alice", PASSWORD);
            net.startDnsmasq();
            Path runDir = dir.resolve("run");
            net.stopWpaSupplicantsUnder(runDir);
            Path secret = dir.resolve("password");
            Files.writeString(secret, PASSWORD + "\n");
            ExternalTools.Result result = net.webboot(
                    "wifi",
                    "connect",
                    "office",
                    "-i",
                    "veth1",
                    "--driver",
                    "wired",
                    "--security",
                    "peap",
                    "--identity",
                    "alice",
                    "--passphrase-file",
                    secret.toString(),
                    "--run-dir",
                    runDir.toString(),
                    "--resolv-conf",
                    dir.resolve("resolv.conf").toString(),
                    "--json",
                    "--timeout",
                    "20");
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stdoutText()).startsWith("{\"interface\":\"veth1\",\"address\":\"10.99.0.");
            // The authenticator's view: EAP succeeded and the port was authorized for this identity.
            String log = Files.readString(hostapdLog);
            assertThat(log).contains("CTRL-EVENT-EAP-SUCCESS").contains("IEEE 802.1X: authenticated");
            // The password appears in no file webboot wrote and in none of its output.
            assertThat(result.stderr()).doesNotContain("horse");
            assertThat(filesUnder(runDir)).isNotEmpty().allSatisfy(f -> assertThat(Files.readString(f))
                    .doesNotContain("horse"));
        }
    }

    @Test
    void aWrongPasswordIsReportedAsSuch() throws Exception {
        ExternalTools.require("wpa_supplicant", "wpasupplicant");
        try (NamespacePair net = new NamespacePair(dir)) {
            net.startHostapd8021x("alice", PASSWORD);
            Path runDir = dir.resolve("run");
            net.stopWpaSupplicantsUnder(runDir);
            Path secret = dir.resolve("password");
            Files.writeString(secret, "not the password\n");
            ExternalTools.Result result = net.webboot(
                    "wifi",
                    "connect",
                    "office",
                    "-i",
                    "veth1",
                    "--driver",
                    "wired",
                    "--security",
                    "peap",
                    "--identity",
                    "alice",
                    "--passphrase-file",
                    secret.toString(),
                    "--run-dir",
                    runDir.toString(),
                    "--timeout",
                    "20");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.stderr())
                    .contains("webboot: Wi-Fi: \"office\" refused the identity or password on veth1 (802.1X"
                            + " authentication failed)\n")
                    .doesNotContain("not the password");
            // A failed connect stops its wpa_supplicant and removes its files.
            assertThat(filesUnder(runDir)).isEmpty();
        }
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
