package dev.webboot.iso.internal.iso9660;

import java.nio.charset.StandardCharsets;

/** How Linux isofs shows names that carry no Rock Ridge NM entry. */
final class IsoNames {
    private IsoNames() {}

    /**
     * A plain ISO 9660 name as Linux shows it with the default {@code map=normal}: lower case, a trailing {@code ;1}
     * or {@code .;1} dropped, any other {@code ;} (and {@code /}, written by broken Acorn tools) turned into {@code
     * .}, and the name cut at a NUL.
     */
    static String plain(byte[] raw) {
        StringBuilder name = new StringBuilder(raw.length);
        int length = raw.length;
        for (int i = 0; i < length; i++) {
            int c = raw[i] & 0xff;
            if (c == 0) {
                break;
            }
            if (c >= 'A' && c <= 'Z') {
                c |= 0x20;
            }
            if (c == '.' && i == length - 3 && raw[i + 1] == ';' && raw[i + 2] == '1') {
                break;
            }
            if (c == ';' && i == length - 2 && raw[i + 1] == '1') {
                break;
            }
            if (c == ';' || c == '/') {
                c = '.';
            }
            name.append((char) c);
        }
        return name.toString();
    }

    /**
     * A Joliet name (UCS-2 big-endian) as Linux shows it: a trailing {@code ;1} dropped, then trailing dots dropped
     * while more than one character remains.
     */
    static String joliet(byte[] raw) {
        String name = new String(raw, 0, raw.length & ~1, StandardCharsets.UTF_16BE);
        int nul = name.indexOf('\0');
        if (nul >= 0) {
            name = name.substring(0, nul);
        }
        if (name.length() > 2 && name.endsWith(";1")) {
            name = name.substring(0, name.length() - 2);
        }
        int end = name.length();
        while (end >= 2 && name.charAt(end - 1) == '.') {
            end--;
        }
        return name.substring(0, end).replace('/', '_');
    }
}
