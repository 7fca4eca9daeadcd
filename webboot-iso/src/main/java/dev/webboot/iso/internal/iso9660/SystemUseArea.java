package dev.webboot.iso.internal.iso9660;

import dev.webboot.iso.Fields;
import dev.webboot.iso.MalformedImageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a directory record's system use area, and the continuation areas its CE entries chain to, into SUSP
 * entries.
 */
final class SystemUseArea {
    /** Linux stops after 32 continuation areas (RR_MAX_CE_ENTRIES); a longer chain is a loop or an attack. */
    static final int MAX_CONTINUATIONS = 32;

    private SystemUseArea() {}

    /** The signatures Rock Ridge readers switch on, shared rather than allocated for every entry. */
    private static final String[] KNOWN = {"PX", "PN", "NM", "SL", "TF", "RE", "CL", "PL", "CE", "ST", "SP", "ER", "ZF"
    };

    private static String signature(int first, int second) {
        for (String known : KNOWN) {
            if (known.charAt(0) == first && known.charAt(1) == second) {
                return known;
            }
        }
        return new String(new byte[] {(byte) first, (byte) second}, StandardCharsets.ISO_8859_1);
    }

    /**
     * The entries of {@code record}'s system use area starting at {@code start}, followed through CE continuation
     * areas. An ST entry ends the list.
     */
    static List<SuspEntry> entries(IsoImage image, Fields record, int start) throws IOException {
        List<SuspEntry> entries = new ArrayList<>();
        if (start >= record.length()) {
            return entries;
        }
        Fields area = record.slice(start, record.length() - start, "system use area");
        int continuations = 0;
        while (true) {
            long[] next = null;
            long nextAt = 0;
            int pos = 0;
            while (area.length() - pos >= 4) {
                int first = area.u8(pos);
                int second = area.u8(pos + 1);
                int length = area.u8(pos + 2);
                if (length == 0 && first == 0 && second == 0) {
                    break; // zero padding ends the area
                }
                if (length < 4 || length > area.length() - pos) {
                    throw area.malformed(pos, "system use entry of " + length + " bytes does not fit its area");
                }
                String signature = signature(first, second);
                Fields body = area.slice(pos + 4, length - 4, "system use entry");
                switch (signature) {
                    case "ST" -> {
                        return entries;
                    }
                    case "CE" -> {
                        next = new long[] {body.u32le(0), body.u32le(8), body.u32le(16)};
                        nextAt = area.offsetOf(pos);
                    }
                    default -> entries.add(new SuspEntry(signature, area.u8(pos + 3), body));
                }
                pos += length;
            }
            if (next == null) {
                return entries;
            }
            if (++continuations > MAX_CONTINUATIONS) {
                throw new MalformedImageException(
                        image.name(), nextAt, "more than " + MAX_CONTINUATIONS + " chained continuation areas");
            }
            long block = next[0];
            long offset = next[1];
            long length = next[2];
            // A continuation area lies inside one logical block, as Linux requires.
            if (offset + length > image.blockSize()) {
                throw new MalformedImageException(
                        image.name(),
                        nextAt,
                        "continuation area of " + length + " bytes at " + offset + " does not fit in a block");
            }
            long at = image.offsetOf(block) + offset;
            area = new Fields(image.name(), at, image.read(at, (int) length, nextAt, "continuation area"));
        }
    }
}
