package dev.webboot.net.wifi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses wpa_supplicant control-interface replies. */
public final class WpaReplies {
    private WpaReplies() {}

    /**
     * {@code SCAN_RESULTS}: a header line, then {@code bssid \t frequency \t signal \t flags \t ssid} per access point;
     * lines that do not have that shape are skipped.
     */
    public static List<WifiScanResult> scanResults(String reply) {
        List<WifiScanResult> results = new ArrayList<>();
        for (String line : reply.split("\n")) {
            String[] fields = line.split("\t", 5);
            if (fields.length < 4 || !fields[0].matches("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}")) {
                continue;
            }
            try {
                results.add(new WifiScanResult(
                        fields[0].toLowerCase(java.util.Locale.ROOT),
                        Integer.parseInt(fields[1]),
                        Integer.parseInt(fields[2]),
                        fields[3],
                        fields.length == 5 ? unescape(fields[4]) : ""));
            } catch (NumberFormatException e) {
                // not a result line
            }
        }
        return results;
    }

    /** {@code STATUS}-style {@code key=value} lines. */
    public static Map<String, String> keyValues(String reply) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : reply.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    /** Undoes wpa_supplicant's {@code printf_encode}: {@code \\}, {@code \"}, {@code \e}, {@code \n}, {@code \xNN}. */
    static String unescape(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 >= text.length()) {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'e' -> out.write(0x1b);
                case 'x' -> {
                    if (isHex(text, i + 1) && isHex(text, i + 2)) {
                        out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                        i += 2;
                    } else {
                        out.write('x');
                    }
                }
                default -> out.writeBytes(String.valueOf(next).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(String text, int index) {
        return index < text.length() && Character.digit(text.charAt(index), 16) >= 0;
    }
}
