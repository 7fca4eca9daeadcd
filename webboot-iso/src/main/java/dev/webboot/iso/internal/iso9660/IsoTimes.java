package dev.webboot.iso.internal.iso9660;

import dev.webboot.iso.MalformedImageException;
import dev.webboot.iso.internal.io.Fields;
import java.nio.file.attribute.FileTime;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** ISO 9660 timestamps: the 7-byte binary form of directory records and the 17-byte digit form of descriptors. */
final class IsoTimes {
    static final FileTime EPOCH = FileTime.fromMillis(0);

    private IsoTimes() {}

    /** The 7-byte form (ECMA-119 9.1.5): years since 1900, month, day, hour, minute, second, GMT offset / 15 min. */
    static FileTime shortForm(Fields f, int at) throws MalformedImageException {
        f.require(at, 7, "recording date");
        int offset = (byte) f.u8(at + 6);
        return toFileTime(
                1900 + f.u8(at), f.u8(at + 1), f.u8(at + 2), f.u8(at + 3), f.u8(at + 4), f.u8(at + 5), 0, offset);
    }

    /** The 17-byte form (ECMA-119 8.4.26.1): 16 ASCII digits YYYYMMDDhhmmsscc and a GMT offset / 15 min. */
    static FileTime longForm(Fields f, int at) throws MalformedImageException {
        f.require(at, 17, "date");
        int[] parts = new int[7];
        int[] widths = {4, 2, 2, 2, 2, 2, 2};
        int pos = at;
        for (int i = 0; i < parts.length; i++) {
            int value = 0;
            for (int j = 0; j < widths[i]; j++) {
                int c = f.u8(pos++);
                if (c < '0' || c > '9') {
                    return EPOCH;
                }
                value = value * 10 + (c - '0');
            }
            parts[i] = value;
        }
        return toFileTime(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6], (byte) f.u8(at + 16));
    }

    /** An unset or impossible date is the epoch, as Linux shows it; a date is metadata, not structure. */
    private static FileTime toFileTime(
            int year, int month, int day, int hour, int minute, int second, int hundredths, int quarterHours) {
        try {
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, hundredths * 10_000_000);
            // Linux ignores offsets beyond +-13 hours, as do we.
            int offsetSeconds = quarterHours >= -52 && quarterHours <= 52 ? quarterHours * 15 * 60 : 0;
            return FileTime.from(local.toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds)));
        } catch (DateTimeException e) {
            return EPOCH;
        }
    }
}
