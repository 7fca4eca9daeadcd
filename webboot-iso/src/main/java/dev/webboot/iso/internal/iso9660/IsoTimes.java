package dev.webboot.iso.internal.iso9660;

import dev.webboot.iso.Fields;
import dev.webboot.iso.MalformedImageException;
import java.nio.file.attribute.FileTime;

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

    /**
     * An unset or impossible date is the epoch, as Linux shows it; a date is metadata, not structure. Computed
     * arithmetically: directories of 100,000 entries decode 400,000 of these.
     */
    private static FileTime toFileTime(
            int year, int month, int day, int hour, int minute, int second, int hundredths, int quarterHours) {
        if (month < 1
                || month > 12
                || day < 1
                || day > daysInMonth(year, month)
                || hour > 23
                || minute > 59
                || second > 59
                || hundredths > 99) {
            return EPOCH;
        }
        // Linux ignores offsets beyond +-13 hours, as do we.
        int offsetSeconds = quarterHours >= -52 && quarterHours <= 52 ? quarterHours * 15 * 60 : 0;
        long seconds = epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return FileTime.fromMillis(seconds * 1000 + hundredths * 10L);
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse). */
    private static long epochDay(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        int shiftedMonth = month > 2 ? month - 3 : month + 9;
        long dayOfYear = (153L * shiftedMonth + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }
}
