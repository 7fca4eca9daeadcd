package dev.webboot.net.wifi;

import java.nio.charset.StandardCharsets;

/**
 * The network to join. The secret is a {@link Secret}, so printing this record never shows it.
 *
 * @param ssid the network name (1 to 32 bytes in UTF-8)
 * @param security how it authenticates
 * @param identity the 802.1X identity (PEAP only; empty otherwise)
 * @param secret the passphrase (PSK), password (SAE, PEAP), or empty for an open network
 */
public record WifiNetwork(String ssid, WifiSecurity security, String identity, Secret secret) {
    public WifiNetwork {
        int ssidBytes = ssid.getBytes(StandardCharsets.UTF_8).length;
        if (ssidBytes < 1 || ssidBytes > 32) {
            throw new IllegalArgumentException("a Wi-Fi network name has 1 to 32 bytes, not " + ssidBytes);
        }
        switch (security) {
            case OPEN -> {
                if (!secret.isEmpty()) {
                    throw new IllegalArgumentException("an open network takes no passphrase");
                }
            }
            case WPA2_PSK -> {
                String value = secret.reveal();
                if (value.length() < 8 || value.length() > 63 || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                    throw new IllegalArgumentException("a WPA2 passphrase has 8 to 63 printable ASCII characters");
                }
            }
            case WPA3_SAE -> {
                if (secret.isEmpty()) {
                    throw new IllegalArgumentException("a WPA3 network needs a password");
                }
            }
            case WPA2_EAP_PEAP -> {
                if (identity.isEmpty() || secret.isEmpty()) {
                    throw new IllegalArgumentException("a WPA2-Enterprise network needs an identity and a password");
                }
            }
        }
        if (identity.contains("\n")
                || secret.reveal().contains("\n")
                || secret.reveal().contains("\r")) {
            throw new IllegalArgumentException("identities and passwords cannot contain line breaks");
        }
    }
}
