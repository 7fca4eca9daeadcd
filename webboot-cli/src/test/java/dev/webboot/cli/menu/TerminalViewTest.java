package dev.webboot.cli.menu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;

/** The JLine drawing, on a terminal JLine emulates over streams: keys in, escape sequences out. */
class TerminalViewTest {
    private static final Screen SCREEN =
            new Screen("Choose a distribution", List.of("Catalog: test"), List.of("Debian", "Fedora", "Quit"), 0, 2);

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final List<PipedOutputStream> pipes = new ArrayList<>();
    private Terminal terminal;

    private TerminalView view(String keys) throws IOException {
        // The keys stay in an open pipe, as on a terminal where the person has not typed anything more yet.
        PipedOutputStream typed = new PipedOutputStream();
        PipedInputStream input = new PipedInputStream(typed, 4096);
        typed.write(keys.getBytes(StandardCharsets.UTF_8));
        typed.flush();
        pipes.add(typed);
        // An emulated terminal that writes its output straight into the stream (no pty, no pump thread).
        terminal = new ExternalTerminal("test", "xterm-256color", input, output, StandardCharsets.UTF_8);
        terminal.setSize(new Size(80, 24));
        return new TerminalView(
                terminal,
                (out, name, inPlace) -> progress -> out.print((inPlace ? "\r" : "") + name + " " + progress.bytes()));
    }

    private String shown() {
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void arrowsMoveTheHighlightAndEnterChooses() throws IOException {
        try (TerminalView view = view("\033[B\033[B\033[A\r")) {
            assertThat(view.choose(SCREEN)).isEqualTo(1);
        }
        // Each key redraws the screen: a clear, the title, the marked line in inverse video.
        assertThat(shown())
                .contains("\033[H\033[2J")
                .contains("webboot: Choose a distribution")
                .contains("Catalog: test")
                .contains("\033[7m>   2) Fedora")
                .contains("\033[7m>   3) Quit")
                .contains("Up/Down or a number, Enter: choose, Esc or q: Quit");
    }

    @Test
    void applicationModeArrowsAndDigitsWorkToo() throws IOException {
        try (TerminalView view = view("\033OB\r")) {
            assertThat(view.choose(SCREEN)).isEqualTo(1);
        }
        try (TerminalView view = view("3\r")) {
            assertThat(view.choose(SCREEN)).isEqualTo(2);
        }
    }

    @Test
    void escapeAndQTakeTheEscapeOption() throws IOException {
        try (TerminalView view = view("q")) {
            assertThat(view.choose(SCREEN)).isEqualTo(2);
        }
        try (TerminalView view = view("\033")) {
            assertThat(view.choose(SCREEN)).isEqualTo(2);
        }
    }

    @Test
    void keysTypedWhileBusyDoNotChooseWhatComesNext() throws IOException {
        try (TerminalView view = view("\r")) {
            pipes.get(0).close();
            // Once the terminal holds the Enter (typed during the boot below), the boot starts.
            assertThat(terminal.reader().peek(60_000)).isIn((int) '\r', (int) '\n');
            view.begin("Booting");
            view.say("fetch: live.iso");
            // The Enter typed during the boot is dropped; the input then ends, which counts as Escape.
            assertThat(view.choose(SCREEN)).isEqualTo(2);
        }
    }

    @Test
    void aPassphraseIsMasked() throws IOException {
        try (TerminalView view = view("hunter22\r")) {
            assertThat(view.ask("Wi-Fi: home", "Passphrase: ", true)).isEqualTo("hunter22");
        }
        // What the emulated terminal echoed before the prompt took the keys (typed ahead) is not the reader's; from
        // the prompt on, only stars.
        String fromPrompt = shown().substring(shown().lastIndexOf("Passphrase: "));
        assertThat(fromPrompt).startsWith("Passphrase: ********").doesNotContain("hunter22");
    }
}
