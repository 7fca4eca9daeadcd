package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.testing.ExternalTools;
import dev.webboot.testing.QemuGuest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The menu's Wi-Fi screens against the real thing: inside a QEMU guest (the host kernel cannot load
 * mac80211_hwsim), hostapd runs a WPA2-PSK access point on wlan0 with busybox udhcpd behind it, and {@code webboot
 * menu} on a plain console (no terminal: numbered lists, answers read line by line) scans from wlan1 through the real
 * wpa_supplicant, joins with the passphrase typed, and shows the address DHCP gave on its network screen.
 */
class MenuWifiQemuTest {
    @TempDir
    Path dir;

    @Test
    void scanChooseTypeThePassphraseAndTheNetworkScreenShowsTheAddress() throws Exception {
        QemuGuest guest = new QemuGuest(dir)
                .modules(
                        "net/rfkill/rfkill",
                        "net/wireless/cfg80211",
                        "lib/crypto/libarc4",
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
                                "ssid=webboot-menu",
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
                .file(
                        "/etc/catalog.json",
                        "{\"schema\": 1, \"entries\": [{\"id\": \"demo\", \"name\": \"Demo Live\", \"version\": \"1\","
                                + " \"arch\": \"x86_64\", \"url\": \"http://192.168.77.1/live.iso\","
                                + " \"family\": \"live-boot\"}]}\n")
                // What the person types: Demo Live; Wi-Fi on wlan1 (wlan0 is the access point's radio); the
                // first network of the scan; its passphrase. Then the input ends: Escape on each screen, back to
                // the distributions, where the menu says the input ended before a choice and exits 1.
                .file("/etc/menu-input", "1\n3\n1\ncorrect horse battery\n");
        String serial = guest.boot(String.join(
                "\n",
                "touch /tmp/udhcpd.leases",
                "hostapd -B /etc/hostapd.conf > /tmp/hostapd.out 2>&1; echo \"HOSTAPD-STATUS: $?\"",
                "ip addr add 192.168.77.1/24 dev wlan0",
                "udhcpd /etc/udhcpd.conf",
                // Both radios live in one kernel: the server's replies arrive on wlan1 from a local address.
                "echo 1 > /proc/sys/net/ipv4/conf/all/accept_local",
                "echo 1 > /proc/sys/net/ipv4/conf/wlan1/accept_local",
                "sleep 1",
                "echo MENU-START",
                guest.webboot("menu --catalog /etc/catalog.json --run-dir /run/webboot --resolv-conf /tmp/resolv.conf")
                        + " < /etc/menu-input",
                "echo \"MENU-STATUS: $?\"",
                "echo \"ADDR: $(ip -4 -o addr show dev wlan1)\""));
        assertThat(serial).as(serial).contains("HOSTAPD-STATUS: 0").contains("MENU-START");
        String menu = serial.substring(serial.indexOf("MENU-START"));
        assertThat(menu)
                .as(serial)
                .contains("== Network ==")
                .containsPattern("\\n +3\\) Wi-Fi on wlan1: scan for networks")
                .contains("== Wi-Fi networks on wlan1 ==")
                .containsPattern("\\n +1\\) webboot-menu +-?\\d+ dBm  psk")
                .contains("== Wi-Fi: webboot-menu ==")
                .contains("Passphrase (empty: back): ")
                .containsPattern("\\nwlan1: 192\\.168\\.77\\.1[0-5]\\d/24 via 192\\.168\\.77\\.1")
                // The network screen shown again after joining lists wlan1 with its address.
                .containsPattern("\\nwlan1 +wireless +up +carrier +192\\.168\\.77\\.1[0-5]\\d/24")
                .contains("webboot: standard input ended before a choice was made")
                .contains("MENU-STATUS: 1")
                .containsPattern("ADDR: \\d+: wlan1 +inet 192\\.168\\.77\\.1[0-5]\\d/24");
        // The passphrase never appears on the console.
        assertThat(menu).doesNotContain("correct horse");
    }
}
