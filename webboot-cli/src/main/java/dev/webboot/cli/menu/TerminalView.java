package dev.webboot.cli.menu;

import dev.webboot.fetch.Progress;
import dev.webboot.fetch.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp.Capability;

/**
 * The menu on a capable terminal (JLine): each screen is drawn from the top, the highlighted option moves with the
 * arrow keys (or Home/End, or typing its number), Enter chooses, Escape or q takes the screen's Back/Quit option.
 * Messages and the download's progress line are written below the title, the progress redrawn in place.
 */
public final class TerminalView implements MenuView {
    private enum Key {
        UP,
        DOWN,
        HOME,
        END,
        ENTER,
        ESCAPE,
        DIGIT,
        BACKSPACE
    }

    private final Terminal terminal;
    private final PrintWriter out;
    private final ProgressLines progressLines;
    private final BindingReader keys;
    private final KeyMap<Key> keyMap = new KeyMap<>();
    private String progressName = "";
    private ProgressListener progress = ProgressListener.NONE;
    /** Whether keys may have been typed while the menu was busy (a boot, a scan) and nobody was asking. */
    private boolean busy;

    public TerminalView(Terminal terminal, ProgressLines progressLines) {
        this.terminal = terminal;
        this.out = terminal.writer();
        this.progressLines = progressLines;
        this.keys = new BindingReader(terminal.reader());
        bind(Key.UP, Capability.key_up, "\033[A", "\033OA", "k");
        bind(Key.DOWN, Capability.key_down, "\033[B", "\033OB", "j");
        bind(Key.HOME, Capability.key_home, "\033[H", "\033OH", "\033[1~");
        bind(Key.END, Capability.key_end, "\033[F", "\033OF", "\033[4~");
        bind(Key.ENTER, null, "\r", "\n");
        bind(Key.ESCAPE, null, "\033", "q");
        bind(Key.BACKSPACE, null, "\177", "\b");
        for (char digit = '0'; digit <= '9'; digit++) {
            keyMap.bind(Key.DIGIT, String.valueOf(digit));
        }
        // A lone Escape is told from the start of an arrow key's sequence by a short pause.
        keyMap.setAmbiguousTimeout(150);
    }

    private void bind(Key key, Capability capability, String... sequences) {
        if (capability != null) {
            String fromTerminfo = KeyMap.key(terminal, capability);
            if (fromTerminfo != null && !fromTerminfo.isEmpty()) {
                keyMap.bind(key, fromTerminfo);
            }
        }
        for (String sequence : sequences) {
            keyMap.bind(key, sequence);
        }
    }

    @Override
    public int choose(Screen screen) {
        Attributes saved = terminal.enterRawMode();
        terminal.puts(Capability.keypad_xmit);
        try {
            if (busy) {
                // An Enter pressed during a long download must not choose a boot entry nobody has seen yet.
                discardTypedAhead();
                busy = false;
            }
            int selected = screen.initial();
            String number = "";
            while (true) {
                draw(screen, selected, number);
                Key key;
                try {
                    key = keys.readBinding(keyMap);
                } catch (java.io.IOError closed) {
                    // The terminal went away (a hang-up): as if the person pressed Escape.
                    return screen.escape();
                }
                if (key == null) {
                    return screen.escape();
                }
                int n = screen.options().size();
                switch (key) {
                    case UP -> selected = (selected + n - 1) % n;
                    case DOWN -> selected = (selected + 1) % n;
                    case HOME -> selected = 0;
                    case END -> selected = n - 1;
                    case ENTER -> {
                        return selected;
                    }
                    case ESCAPE -> {
                        return screen.escape();
                    }
                    case BACKSPACE -> number = number.isEmpty() ? "" : number.substring(0, number.length() - 1);
                    case DIGIT -> {
                        // Typed digits build a number; a number that fits no option starts again at this digit.
                        String digit = keys.getLastBinding();
                        String candidate = number + digit;
                        if (!fits(candidate, n)) {
                            candidate = fits(digit, n) ? digit : "";
                        }
                        number = candidate;
                        if (!number.isEmpty()) {
                            selected = Integer.parseInt(number) - 1;
                        }
                    }
                }
                if (key != Key.DIGIT && key != Key.BACKSPACE) {
                    number = "";
                }
            }
        } finally {
            terminal.puts(Capability.keypad_local);
            terminal.setAttributes(saved);
            terminal.flush();
        }
    }

    private void discardTypedAhead() {
        try {
            while (terminal.reader().read(1L) >= 0) {
                // dropped
            }
        } catch (IOException e) {
            // nothing more to drop
        }
    }

    private static boolean fits(String number, int options) {
        if (number.isEmpty() || number.length() > 4) {
            return false;
        }
        int value = Integer.parseInt(number);
        return value >= 1 && value <= options;
    }

    private void draw(Screen screen, int selected, String number) {
        clear();
        title(screen.title());
        screen.lines().forEach(out::println);
        out.println();
        int n = screen.options().size();
        // Long lists scroll: show the window of options that holds the highlighted one.
        int room = Math.max(3, terminal.getHeight() - screen.lines().size() - 6);
        int first = Math.max(0, Math.min(selected - room / 2, n - room));
        int last = Math.min(n, first + room);
        for (int i = first; i < last; i++) {
            String text = String.format("%3d) %s", i + 1, screen.options().get(i));
            if (i == selected) {
                out.println(new AttributedStringBuilder()
                        .style(AttributedStyle.INVERSE)
                        .append("> ")
                        .append(text)
                        .toAnsi(terminal));
            } else {
                out.println("  " + text);
            }
        }
        out.println();
        out.print("Up/Down or a number, Enter: choose, Esc or q: "
                + screen.options().get(screen.escape()) + (number.isEmpty() ? "" : "   number: " + number));
        out.flush();
    }

    @Override
    public String ask(String title, String prompt, boolean masked) {
        clear();
        title(title);
        out.flush();
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
        try {
            return masked ? reader.readLine(prompt, '*') : reader.readLine(prompt);
        } catch (UserInterruptException | EndOfFileException e) {
            return "";
        }
    }

    @Override
    public void begin(String title) {
        busy = true;
        clear();
        title(title);
        out.flush();
    }

    @Override
    public void say(String line) {
        if (!progressName.isEmpty()) {
            // Leave the progress line as it is, and write the news below it.
            out.println();
            progressName = "";
        }
        out.println(line);
        out.flush();
    }

    @Override
    public void progress(String name, Progress update) {
        if (!name.equals(progressName)) {
            progressName = name;
            progress = progressLines.open(out, name, true);
        }
        progress.onProgress(update);
    }

    @Override
    public void close() {
        out.println();
        out.flush();
        try {
            terminal.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void clear() {
        progressName = "";
        terminal.puts(Capability.clear_screen);
    }

    private void title(String title) {
        out.println(new AttributedStringBuilder()
                .style(AttributedStyle.BOLD)
                .append("webboot: ")
                .append(title)
                .toAnsi(terminal));
        out.println();
    }
}
