package dev.webboot.cli.menu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.fetch.Progress;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The serial-console rendering: numbered lines, a number and Enter, nothing but printable text. */
class LineViewTest {
    private final StringWriter written = new StringWriter();

    private LineView view(String typed) {
        return new LineView(
                new BufferedReader(new StringReader(typed)),
                new PrintWriter(written, true),
                Optional.empty(),
                (out, name, inPlace) -> progress ->
                        out.println(name + " " + progress.bytes() + (inPlace ? " in place" : " as a line")));
    }

    private static final Screen SCREEN =
            new Screen("Choose a distribution", List.of("Catalog: test"), List.of("Debian", "Fedora", "Quit"), 0, 2);

    @Test
    void aNumberChoosesAndTheListIsNumberedFromOne() {
        assertThat(view("2\n").choose(SCREEN)).isEqualTo(1);
        assertThat(written.toString())
                .isEqualTo(String.join(
                        System.lineSeparator(),
                        "",
                        "== Choose a distribution ==",
                        "Catalog: test",
                        "    1) Debian",
                        "    2) Fedora",
                        "    3) Quit",
                        "Choose 1-3 (Enter: 1): "));
    }

    @Test
    void enterAloneTakesTheInitialOptionAndNonsenseIsAskedAgain() {
        LineView view = view("x\n9\n\n");
        assertThat(view.choose(SCREEN)).isZero();
        assertThat(written.toString()).contains("Not a choice: x", "Not a choice: 9");
        assertThat(written.toString()).doesNotContain("\u001b").doesNotContain("\r");
    }

    @Test
    void theEndOfInputTakesTheEscapeOption() {
        assertThat(view("").choose(SCREEN)).isEqualTo(2);
    }

    @Test
    void progressIsPlainLinesAndAnswersAreRead() {
        LineView view = view("secret\n");
        view.begin("Booting");
        view.progress("live.iso", new Progress(5, OptionalLong.of(10), 0, Optional.empty()));
        assertThat(view.ask("Wi-Fi: home", "Passphrase: ", true)).isEqualTo("secret");
        assertThat(written.toString()).contains("live.iso 5 as a line", "== Wi-Fi: home ==", "Passphrase: ");
    }
}
