package dev.webboot.pmem;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Parses and writes the x86 kernel's {@code memmap=} parameter in every form that kernel-parameters.txt documents:
 * {@code exactmap}, {@code nn[KMG]}, {@code nn[KMG]@ss[KMG]}, {@code #}, {@code $}, {@code !}, {@code
 * nn%ss-old+new}, comma-separated lists and the parameter given several times.
 *
 * <p>Numbers follow the kernel's {@code memparse}: decimal, {@code 0x} hexadecimal or leading-{@code 0} octal, then
 * an optional K, M, G, T, P or E suffix (either case).
 */
public final class Memmap {
    private static final int MAX_ITEMS = 256;

    private Memmap() {}

    /**
     * All {@code memmap=} items of a kernel command line (as {@code /proc/cmdline} holds it), in order. Arguments after
     * {@code --} go to init, not the kernel, and are ignored.
     *
     * @throws IllegalArgumentException naming the item when one is not in a documented form
     */
    public static List<MemmapParameter> fromCommandLine(String commandLine) {
        List<MemmapParameter> items = new ArrayList<>();
        for (String word : kernelWords(commandLine)) {
            if (word.startsWith("memmap=")) {
                items.addAll(parse(word.substring("memmap=".length())));
            }
        }
        return List.copyOf(items);
    }

    /**
     * The items of one {@code memmap=} value, such as {@code 100M@2G,100M#3G,1G!1024G}.
     *
     * @throws IllegalArgumentException naming the item when one is not in a documented form
     */
    public static List<MemmapParameter> parse(String value) {
        List<MemmapParameter> items = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            if (items.size() == MAX_ITEMS) {
                throw new IllegalArgumentException("memmap=" + value + ": more than " + MAX_ITEMS + " items");
            }
            items.add(parseItem(item));
        }
        return List.copyOf(items);
    }

    /** Writes a persistent-memory item for a range: {@code 1G!4G}. */
    public static String persistent(long size, long start) {
        return formatSize(size) + "!" + formatSize(start);
    }

    /** A byte count with the largest of G, M and K that divides it exactly ({@code 4294967296} is {@code 4G}). */
    public static String formatSize(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative size " + bytes);
        }
        String[] units = {"G", "M", "K"};
        int[] shifts = {30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << shifts[i];
            if (bytes != 0 && bytes % unit == 0) {
                return (bytes >>> shifts[i]) + units[i];
            }
        }
        return Long.toString(bytes);
    }

    /**
     * Reads a size as the kernel's {@code memparse} does ({@code 512M}, {@code 0x100000000}, {@code 4g}).
     *
     * @throws IllegalArgumentException when {@code text} is not one number with an optional suffix
     */
    public static long parseSize(String text) {
        Cursor cursor = new Cursor(text, text);
        long value = cursor.memparse();
        if (!cursor.atEnd()) {
            throw new IllegalArgumentException("not a size: " + text);
        }
        return value;
    }

    private static MemmapParameter parseItem(String item) {
        if (item.startsWith("exactmap")) {
            if (!item.equals("exactmap")) {
                throw new IllegalArgumentException("memmap=" + item + ": unexpected text after exactmap");
            }
            return new MemmapParameter(MemmapKind.EXACTMAP, 0, 0, OptionalInt.empty(), OptionalInt.empty(), item);
        }
        Cursor cursor = new Cursor(item, item);
        long size = cursor.memparse();
        if (cursor.atEnd()) {
            return new MemmapParameter(MemmapKind.LIMIT, size, 0, OptionalInt.empty(), OptionalInt.empty(), item);
        }
        char separator = cursor.next();
        MemmapKind kind =
                switch (separator) {
                    case '@' -> MemmapKind.RAM;
                    case '#' -> MemmapKind.ACPI;
                    case '$' -> MemmapKind.RESERVED;
                    case '!' -> MemmapKind.PERSISTENT;
                    case '%' -> MemmapKind.TYPE_CHANGE;
                    default -> throw new IllegalArgumentException(
                            "memmap=" + item + ": '" + separator + "' is not one of @ # $ ! %");
                };
        long start = cursor.memparse();
        OptionalInt oldType = OptionalInt.empty();
        OptionalInt newType = OptionalInt.empty();
        if (kind == MemmapKind.TYPE_CHANGE) {
            if (cursor.peek('-')) {
                cursor.next();
                oldType = OptionalInt.of(cursor.type());
            }
            if (cursor.peek('+')) {
                cursor.next();
                newType = OptionalInt.of(cursor.type());
            }
            if (oldType.isEmpty() && newType.isEmpty()) {
                throw new IllegalArgumentException("memmap=" + item + ": a % item needs -oldtype, +newtype or both");
            }
        }
        if (!cursor.atEnd()) {
            throw new IllegalArgumentException("memmap=" + item + ": unexpected text at character " + cursor.at);
        }
        if (start + size < start) {
            throw new IllegalArgumentException("memmap=" + item + ": the range ends beyond 2^64");
        }
        return new MemmapParameter(kind, size, start, oldType, newType, item);
    }

    /** Splits a kernel command line into words the way the kernel does: spaces separate, double quotes group. */
    static List<String> kernelWords(String commandLine) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < commandLine.length(); i++) {
            char c = commandLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (!quoted && Character.isWhitespace(c)) {
                if (inWord) {
                    if (word.toString().equals("--")) {
                        return words;
                    }
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord && !word.toString().equals("--")) {
            words.add(word.toString());
        }
        return words;
    }

    /** Reads numbers from an item left to right, like the kernel's {@code memparse}/{@code simple_strtoull}. */
    private static final class Cursor {
        private final String text;
        private final String item;
        private int at;

        Cursor(String text, String item) {
            this.text = text;
            this.item = item;
        }

        boolean atEnd() {
            return at == text.length();
        }

        boolean peek(char c) {
            return at < text.length() && text.charAt(at) == c;
        }

        char next() {
            return text.charAt(at++);
        }

        long memparse() {
            long value = number();
            if (at < text.length()) {
                int shift =
                        switch (Character.toUpperCase(text.charAt(at))) {
                            case 'K' -> 10;
                            case 'M' -> 20;
                            case 'G' -> 30;
                            case 'T' -> 40;
                            case 'P' -> 50;
                            case 'E' -> 60;
                            default -> 0;
                        };
                if (shift != 0) {
                    at++;
                    if (value != 0 && Long.numberOfLeadingZeros(value) <= shift) {
                        throw new IllegalArgumentException("memmap=" + item + ": size too large");
                    }
                    value <<= shift;
                }
            }
            return value;
        }

        int type() {
            long value = number();
            if (value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("memmap=" + item + ": e820 type too large");
            }
            return (int) value;
        }

        private long number() {
            int radix = 10;
            if (text.startsWith("0x", at) || text.startsWith("0X", at)) {
                radix = 16;
                at += 2;
            } else if (peek('0') && at + 1 < text.length() && Character.digit(text.charAt(at + 1), 8) >= 0) {
                radix = 8;
                at++;
            }
            int begin = at;
            long value = 0;
            while (at < text.length()) {
                int digit = Character.digit(text.charAt(at), radix);
                if (digit < 0) {
                    break;
                }
                if (Long.compareUnsigned(value, Long.divideUnsigned(-1L >>> 1, radix)) > 0) {
                    throw new IllegalArgumentException("memmap=" + item + ": number too large");
                }
                value = value * radix + digit;
                at++;
            }
            if (at == begin) {
                throw new IllegalArgumentException("memmap=" + item + ": expected a number at character " + at);
            }
            return value;
        }
    }
}
