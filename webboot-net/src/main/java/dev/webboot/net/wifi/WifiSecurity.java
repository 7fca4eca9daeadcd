package dev.webboot.net.wifi;

/** How a Wi-Fi network authenticates. */
public enum WifiSecurity {
    /** No authentication, no encryption. */
    OPEN,
    /** WPA2 Personal: a passphrase of 8 to 63 characters. */
    WPA2_PSK,
    /** WPA3 Personal: SAE with a password, management frame protection required. */
    WPA3_SAE,
    /** WPA2 Enterprise: 802.1X with PEAP and MSCHAPv2 inside, an identity and a password. */
    WPA2_EAP_PEAP;

    /** The name used on the command line: open, psk, sae, peap. */
    public String cliName() {
        return switch (this) {
            case OPEN -> "open";
            case WPA2_PSK -> "psk";
            case WPA3_SAE -> "sae";
            case WPA2_EAP_PEAP -> "peap";
        };
    }
}
