package dev.webboot.boot;

/** A count with its noun in the right number, for the sentences people read: "1 entry", "2 entries", "0 files". */
public final class Plural {
    private Plural() {}

    /**
     * {@code count} followed by {@code singular} when it is 1, else by {@code plural}.
     *
     * @param count how many
     * @param singular the noun for one ("file", "entry")
     * @param plural the noun for any other count ("files", "entries")
     * @return for example {@code 1 entry} or {@code 3 entries}
     */
    public static String of(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }
}
