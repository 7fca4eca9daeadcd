package dev.webboot.cli.menu;

import dev.webboot.fetch.Progress;
import dev.webboot.fetch.ProgressListener;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The menu on a plain serial console or a dumb terminal: numbered lists and a number followed by Enter, whole lines
 * only (no cursor movement, no colours), so it reads the same on a 9600-baud console and in a log.
 */
public final class LineView implements MenuView {
    private final BufferedReader in;
    private final PrintWriter out;
    private final Optional<Console> console;
    private final ProgressLines progressLines;
    /** Set when standard input ends: the escape options unwind the session, and the command then fails. */
    private boolean inputEnded;

    private String progressName = "";
    private ProgressListener progress = ProgressListener.NONE;

    /**
     * @param console the console to read passphrases from without echo, when there is one
     */
    public LineView(BufferedReader in, PrintWriter out, Optional<Console> console, ProgressLines progressLines) {
        this.in = in;
        this.out = out;
        this.console = console;
        this.progressLines = progressLines;
    }

    @Override
    public int choose(Screen screen) {
        heading(screen.title());
        screen.lines().forEach(out::println);
        int n = screen.options().size();
        for (int i = 0; i < n; i++) {
            out.printf("%5d) %s%n", i + 1, screen.options().get(i));
        }
        while (true) {
            out.printf("Choose 1-%d (Enter: %d): ", n, screen.initial() + 1);
            out.flush();
            String line = readLine();
            if (line == null) {
                out.println();
                inputEnded = true;
                return screen.escape();
            }
            String typed = line.strip();
            if (typed.isEmpty()) {
                return screen.initial();
            }
            try {
                int number = Integer.parseInt(typed);
                if (number >= 1 && number <= n) {
                    return number - 1;
                }
            } catch (NumberFormatException e) {
                // not a number: asked again below
            }
            out.println("Not a choice: " + typed);
        }
    }

    @Override
    public boolean inputEnded() {
        return inputEnded;
    }

    @Override
    public String ask(String title, String prompt, boolean masked) {
        heading(title);
        if (masked && console.isPresent()) {
            char[] typed = console.get().readPassword("%s", prompt);
            return typed == null ? "" : new String(typed);
        }
        out.print(prompt);
        out.flush();
        String line = readLine();
        if (line == null) {
            inputEnded = true;
            return "";
        }
        return line;
    }

    @Override
    public void begin(String title) {
        heading(title);
    }

    @Override
    public void say(String line) {
        out.println(line);
        out.flush();
    }

    @Override
    public void progress(String name, Progress update) {
        if (!name.equals(progressName)) {
            progressName = name;
            progress = progressLines.open(out, name, false);
        }
        progress.onProgress(update);
    }

    @Override
    public void close() {
        out.flush();
    }

    private void heading(String title) {
        progressName = "";
        out.println();
        out.println("== " + title + " ==");
    }

    private String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
