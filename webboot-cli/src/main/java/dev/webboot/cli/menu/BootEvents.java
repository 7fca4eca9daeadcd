package dev.webboot.cli.menu;

import dev.webboot.fetch.Progress;
import java.util.List;

/** What the boot flow tells the menu while it runs, and the one question it asks (which boot entry). */
public interface BootEvents {
    /** The flow reached a new phase; {@code detail} says what it is doing. */
    void phase(String phase, String detail);

    /** Download progress of {@code name}. */
    void progress(String name, Progress progress);

    /** A download attempt failed and is retried or resumed; {@code sentence} says why. */
    void retry(String sentence);

    /**
     * Which of the ISO's boot entries to boot.
     *
     * @param titles the entries' titles, in the plan's order
     * @param defaultIndex the plan's default entry
     * @return the index chosen
     * @throws BackToMenuException when the user goes back instead of choosing
     */
    int chooseEntry(List<String> titles, int defaultIndex);

    /** Something the user should know that does not stop the boot. */
    void warning(String sentence);
}
