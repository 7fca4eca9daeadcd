package dev.webboot.net.wifi;

/**
 * A passphrase or password. Its {@link #toString()} never shows the value, so it cannot leak into a log line or an
 * exception message by accident; only {@link #reveal()} gives it out, for the wpa_supplicant configuration.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return "(secret)";
    }
}
