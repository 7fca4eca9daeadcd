package dev.webboot.net.wifi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Parsing of wpa_supplicant's SCAN_RESULTS and STATUS replies (formats of wpa_supplicant 2.10's ctrl_iface.c). */
class WpaRepliesTest {
    @Test
    void scanResultsWithEscapedNamesAndSecurity() {
        String reply = "bssid / frequency / signal level / flags / ssid\n"
                + "02:00:00:00:01:00\t2412\t-30\t[WPA2-PSK-CCMP][ESS]\thome\n"
                + "02:00:00:00:02:00\t5180\t-71\t[WPA2-EAP-CCMP][ESS]\tcorp \\\"x\\\"\n"
                + "02:00:00:00:03:00\t2437\t-55\t[RSN-SAE-CCMP][ESS]\tcaf\\xc3\\xa9\n"
                + "02:00:00:00:04:00\t2462\t-80\t[ESS]\t\n"
                + "garbage line\n";
        assertThat(WpaReplies.scanResults(reply))
                .containsExactly(
                        new WifiScanResult("02:00:00:00:01:00", 2412, -30, "[WPA2-PSK-CCMP][ESS]", "home"),
                        new WifiScanResult("02:00:00:00:02:00", 5180, -71, "[WPA2-EAP-CCMP][ESS]", "corp \"x\""),
                        new WifiScanResult("02:00:00:00:03:00", 2437, -55, "[RSN-SAE-CCMP][ESS]", "café"),
                        new WifiScanResult("02:00:00:00:04:00", 2462, -80, "[ESS]", ""));
        assertThat(WpaReplies.scanResults(reply).stream().map(WifiScanResult::security))
                .containsExactly(
                        WifiSecurity.WPA2_PSK, WifiSecurity.WPA2_EAP_PEAP, WifiSecurity.WPA3_SAE, WifiSecurity.OPEN);
    }

    @Test
    void statusLines() {
        assertThat(WpaReplies.keyValues("bssid=02:00:00:00:01:00\nssid=home\nwpa_state=COMPLETED\n"))
                .containsEntry("wpa_state", "COMPLETED")
                .containsEntry("ssid", "home")
                .hasSize(3);
    }
}
