package dev.webboot.cli;

import static org.assertj.core.api.Assertions.fail;

import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A program running in a real terminal: a detached tmux session of its own server (its own socket, no user config),
 * driven with {@code send-keys} and read with {@code capture-pane}, the way a person types and reads. Everything the
 * program writes is also recorded raw with {@code pipe-pane} (progress lines drawn in place included).
 */
final class Tmux implements AutoCloseable {
    /** How long a screen may take to show what a test waits for on a loaded machine. */
    private static final long PATIENCE_MILLIS = 240_000;

    private final Path tmux;
    private final Path dir;
    /** The server's socket, in the test's own directory (removed with it; no other tmux server is touched). */
    private final Path socket;

    private final Path raw;

    private Tmux(Path dir) {
        this.tmux = ExternalTools.require("tmux", "tmux");
        this.dir = dir;
        this.raw = dir.resolve("pane.raw");
        this.socket = dir.resolve("tmux.socket");
    }

    /**
     * Starts {@code command} (one shell command line) in a {@code width}×{@code height} pane. The command starts once
     * the recording is in place; when it ends the pane shows {@code [exit status N]} and stays.
     */
    static Tmux start(Path parent, int width, int height, String command) throws IOException {
        Path dir = Files.createTempDirectory(parent, "tmux");
        Tmux t = new Tmux(dir);
        Path go = dir.resolve("pane.go");
        Path script = dir.resolve("pane.sh");
        Files.writeString(
                script,
                "while [ ! -e '" + go + "' ]; do sleep 0.1; done\n"
                        + command + "\n"
                        + "echo \"[exit status $?]\"\n"
                        + "exec sleep 3600\n",
                StandardCharsets.UTF_8);
        t.tmux(
                "new-session",
                "-d",
                "-s",
                "menu",
                "-x",
                String.valueOf(width),
                "-y",
                String.valueOf(height),
                "sh " + script);
        try {
            t.tmux("pipe-pane", "-o", "-t", "menu", "cat >> '" + t.raw + "'");
            Files.createFile(go);
        } catch (IOException | RuntimeException | AssertionError e) {
            t.close();
            throw e;
        }
        return t;
    }

    private ExternalTools.Result tmux(String... args) {
        List<String> command = new ArrayList<>(List.of(tmux.toString(), "-S", socket.toString(), "-f", "/dev/null"));
        command.addAll(List.of(args));
        return ExternalTools.run(dir, command.toArray(String[]::new));
    }

    /** Presses keys by tmux's names ({@code Enter}, {@code Down}, {@code Escape}, {@code 2}...). */
    void keys(String... keys) {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "menu"));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    /** What the pane shows now, wrapped lines joined, trailing blanks trimmed. */
    String screen() {
        return tmux("capture-pane", "-p", "-J", "-t", "menu").stdoutText();
    }

    /** Everything the pane showed, scrolled-off lines included. */
    String history() {
        return tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "menu").stdoutText();
    }

    /** Every byte the program wrote to the terminal, escape sequences and carriage returns included. */
    String raw() throws IOException {
        return Files.exists(raw) ? Files.readString(raw, StandardCharsets.ISO_8859_1) : "";
    }

    /** Waits until the screen shows {@code text}, and returns that screen; fails with the screen if it never does. */
    String waitFor(String text) {
        return waitUntil(text, screen -> screen.contains(text));
    }

    /** Waits until a line of the screen matches {@code regex} (in part), and returns that screen. */
    String waitForMatch(String regex) {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
        return waitUntil(regex, screen -> pattern.matcher(screen).find());
    }

    private String waitUntil(String text, java.util.function.Predicate<String> shown) {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        String screen = screen();
        while (!shown.test(screen)) {
            if (System.currentTimeMillis() > deadline) {
                fail("the terminal never showed \"" + text + "\"; it shows:\n" + history());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + text);
            }
            screen = screen();
        }
        return screen;
    }

    @Override
    public void close() {
        ExternalTools.runAllowingFailure(dir, tmux.toString(), "-S", socket.toString(), "kill-server");
    }
}
