package dev.webboot.net.wifi;

/**
 * One access point seen by a scan.
 *
 * @param bssid the access point's MAC address
 * @param frequency the channel's frequency in MHz
 * @param signal the signal level in dBm
 * @param flags wpa_supplicant's flags, such as {@code [WPA2-PSK-CCMP][ESS]}
 * @param ssid the network name (empty for a hidden network)
 */
public record WifiScanResult(String bssid, int frequency, int signal, String flags, String ssid) {
    /** The security the flags announce: SAE before PSK (a WPA3 transition network offers both), EAP, or open. */
    public WifiSecurity security() {
        if (flags.contains("EAP")) {
            return WifiSecurity.WPA2_EAP_PEAP;
        }
        if (flags.contains("SAE")) {
            return WifiSecurity.WPA3_SAE;
        }
        if (flags.contains("PSK")) {
            return WifiSecurity.WPA2_PSK;
        }
        return WifiSecurity.OPEN;
    }
}
