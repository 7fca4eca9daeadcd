package dev.webboot.cli.menu;

import dev.webboot.fetch.Progress;

/**
 * How the menu is drawn and read: a capable terminal (arrow keys, a highlighted option, screens redrawn in place) or a
 * plain serial console (numbered lists, a number and Enter, nothing but whole lines). The state machine
 * ({@link MenuSession}) knows nothing else about the terminal.
 */
public interface MenuView extends AutoCloseable {
    /** Shows {@code screen} and returns the index of the option chosen. */
    int choose(Screen screen);

    /**
     * Asks for one line of text, e.g. an 802.1X identity; {@code masked} hides what is typed (a passphrase). An empty
     * answer means "go back".
     */
    String ask(String title, String prompt, boolean masked);

    /** Starts a screen of messages (a boot or a Wi-Fi connection in progress). */
    void begin(String title);

    /** One line of news on the current screen, e.g. the phase the boot has reached. */
    void say(String line);

    /** The download's progress: one line redrawn in place on a terminal, a line per tenth on a serial console. */
    void progress(String name, Progress progress);

    @Override
    void close();

    /**
     * Whether standard input ended before the session was over (a line view fed by a pipe or a file): the session
     * then unwinds through the escape options, and the command fails instead of reporting success.
     */
    default boolean inputEnded() {
        return false;
    }
}
