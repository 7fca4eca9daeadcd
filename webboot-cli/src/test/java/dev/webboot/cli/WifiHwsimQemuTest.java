package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.testing.ExternalTools;
import dev.webboot.testing.QemuGuest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wi-Fi over the kernel's simulated radios (mac80211_hwsim, which the CI host kernel cannot load, so inside a QEMU
 * guest): hostapd runs a WPA2-PSK access point on wlan0 with busybox udhcpd behind it; webboot scans from wlan1,
 * connects with the real wpa_supplicant through its control socket and gets its address by DHCP over the radio;
 * then the access point is restarted as WPA3-SAE (with management frame protection) and webboot joins it again.
 */
class WifiHwsimQemuTest {
    @TempDir
    Path dir;

    @Test
    void wpa2PskAndWpa3SaeConnectAndDhcpOverTheSimulatedRadio() throws Exception {
        QemuGuest guest = new QemuGuest(dir)
                .modules(
                        "net/rfkill/rfkill",
                        "net/wireless/cfg80211",
                        "lib/crypto/libarc4",
                        // CCMP needs ccm(aes) = ccm over ctr(aes); aes itself is built in.
                        "crypto/ctr",
                        "crypto/ccm",
                        "crypto/cmac",
                        "net/mac80211/mac80211",
                        "drivers/virtio/virtio_ring",
                        "drivers/virtio/virtio",
                        "drivers/net/wireless/mac80211_hwsim")
                .program(ExternalTools.require("hostapd", "hostapd"))
                .program(ExternalTools.require("wpa_supplicant", "wpasupplicant"))
                .java()
                .file(
                        "/etc/hostapd.conf",
                        String.join(
                                "\n",
                                "interface=wlan0",
                                "driver=nl80211",
                                "ssid=webboot-test",
                                "hw_mode=g",
                                "channel=6",
                                "wpa=2",
                                "wpa_key_mgmt=WPA-PSK",
                                "rsn_pairwise=CCMP",
                                "wpa_passphrase=correct horse battery",
                                ""))
                .file(
                        "/etc/udhcpd.conf",
                        String.join(
                                "\n",
                                "start 192.168.77.100",
                                "end 192.168.77.150",
                                "interface wlan0",
                                "lease_file /tmp/udhcpd.leases",
                                "option subnet 255.255.255.0",
                                "option router 192.168.77.1",
                                "option dns 192.168.77.53",
                                ""))
                .file("/etc/passphrase", "correct horse battery\n")
                .file(
                        "/etc/hostapd-sae.conf",
                        String.join(
                                "\n",
                                "interface=wlan0",
                                "driver=nl80211",
                                "ssid=webboot-sae",
                                "hw_mode=g",
                                "channel=6",
                                "wpa=2",
                                "wpa_key_mgmt=SAE",
                                "rsn_pairwise=CCMP",
                                "ieee80211w=2",
                                "sae_password=tr0ub4dor & \"3\"",
                                ""))
                .file("/etc/sae-password", "tr0ub4dor & \"3\"\n");
        String serial = guest.boot(String.join(
                "\n",
                "touch /tmp/udhcpd.leases",
                "hostapd -dd -B /etc/hostapd.conf > /tmp/hostapd.out 2>&1; echo \"HOSTAPD-STATUS: $?\"",
                "ip addr add 192.168.77.1/24 dev wlan0",
                "udhcpd /etc/udhcpd.conf",
                // Both radios live in one kernel here, so the server's replies arrive on wlan1 from an address
                // that is local (wlan0's): without accept_local the kernel drops them as martians.
                "echo 1 > /proc/sys/net/ipv4/conf/all/accept_local",
                "echo 1 > /proc/sys/net/ipv4/conf/wlan1/accept_local",
                "echo \"UDHCPD: $(pidof udhcpd)\"",
                "sleep 1",
                guest.webboot("wifi scan -i wlan1 --json --run-dir /run/webboot") + " > /tmp/scan",
                "echo \"SCAN-STATUS: $?\"",
                "echo \"SCAN: $(tr '\\n' '|' < /tmp/scan)\"",
                guest.webboot("wifi connect webboot-test -i wlan1 --security psk --passphrase-file /etc/passphrase"
                                + " --run-dir /run/webboot --json")
                        + " > /tmp/connect",
                "echo \"CONNECT-STATUS: $?\"",
                "echo \"CONNECT: $(cat /tmp/connect)\"",
                "echo \"ADDR: $(ip -4 -o addr show dev wlan1)\"",
                // WPA3: the same radios, the access point restarted with SAE and management frame protection.
                "kill $(pidof hostapd); sleep 1; ip addr flush dev wlan1",
                "hostapd -B /etc/hostapd-sae.conf > /tmp/hostapd-sae.out 2>&1; echo \"SAE-HOSTAPD-STATUS: $?\"",
                "ip addr add 192.168.77.1/24 dev wlan0",
                guest.webboot("wifi connect webboot-sae -i wlan1 --security sae --passphrase-file /etc/sae-password"
                                + " --run-dir /run/webboot --json")
                        + " > /tmp/sae",
                "echo \"SAE-STATUS: $?\"",
                "echo \"SAE: $(cat /tmp/sae)\"",
                "grep -iE \"fail|error|could not|unable|invalid\" /tmp/hostapd-sae.out | head -20",
                "grep -iE \"fail|error|could not|unable|random|invalid\" /tmp/hostapd.out | head -30"));
        assertThat(serial).as(serial).contains("HOSTAPD-STATUS: 0").contains("SCAN-STATUS: 0");
        assertThat(serial).contains("\"ssid\":\"webboot-test\"").contains("\"security\":\"psk\"");
        assertThat(serial).contains("CONNECT-STATUS: 0");
        assertThat(serial)
                .contains("CONNECT: {\"interface\":\"wlan1\",\"address\":\"192.168.77.")
                .contains("\"router\":\"192.168.77.1\",\"dns\":[\"192.168.77.53\"]");
        assertThat(serial).containsPattern("ADDR: \\d+: wlan1 +inet 192\\.168\\.77\\.1[0-5]\\d/24");
        assertThat(serial).contains("SAE-HOSTAPD-STATUS: 0").contains("SAE-STATUS: 0");
        assertThat(serial)
                .contains("SAE: {\"interface\":\"wlan1\",\"address\":\"192.168.77.")
                .contains("\"router\":\"192.168.77.1\",\"dns\":[\"192.168.77.53\"]");
        assertThat(serial).doesNotContain("correct horse").doesNotContain("tr0ub4dor");
    }
}
