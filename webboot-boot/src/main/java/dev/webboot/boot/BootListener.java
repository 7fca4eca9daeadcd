package dev.webboot.boot;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootPlan;
import dev.webboot.fetch.Progress;

/**
 * Watches a boot, on the thread that runs it. Every method has a default that does nothing (or, for
 * {@link #chooseEntry}, picks the plan's default entry), so a listener implements only what it shows.
 */
public interface BootListener {
    /** A listener that shows nothing and always boots the default entry. */
    BootListener NONE = new BootListener() {};

    /** A phase starts; {@code detail} says on what (a URL, a device, an entry title). */
    default void phase(BootPhase phase, String detail) {}

    /** Download progress, a few times a second at most. */
    default void progress(Progress progress) {}

    /** A download attempt failed and is being retried or resumed; {@code sentence} says why. */
    default void retry(String sentence) {}

    /** Something the user should know that does not stop the boot (an unsigned sums file under --insecure). */
    default void warning(String sentence) {}

    /**
     * Picks the entry to boot when the request names none; called once, after planning. Returns an index into
     * {@code plan.entries()}.
     */
    default int chooseEntry(BootPlan plan) {
        return defaultEntryIndex(plan);
    }

    /** The index of the plan's default entry (the one marked default, else the first). */
    static int defaultEntryIndex(BootPlan plan) {
        BootEntry chosen = plan.defaultEntry().orElseThrow(() -> new IllegalArgumentException("the plan is empty"));
        return plan.entries().indexOf(chosen);
    }
}
