package dev.webboot.cli.menu;

import java.util.Locale;

/** Byte counts the way people read them: 512 B, 1.5 KiB, 3.2 GiB. */
public final class Sizes {
    private Sizes() {}

    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
