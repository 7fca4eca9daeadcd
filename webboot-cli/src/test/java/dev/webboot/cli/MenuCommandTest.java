package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code webboot menu}'s contradicting options are usage errors (status 2) before any screen is drawn. */
class MenuCommandTest {
    @TempDir
    Path dir;

    @Test
    void theFileMediumWithoutACacheIsAUsageError() {
        CliRun.Result r = CliRun.webboot(dir, "menu", "--medium", "file", "--dry-run");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("--medium file needs --cache DIR");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void thePlainMenuFailsWhenInputEndsBeforeAChoice() {
        CliRun.Result r = CliRun.webboot(dir, "menu", "--plain", "--dry-run");
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).endsWith("webboot: standard input ended before a choice was made\n");
    }

    @Test
    void anUnknownMediumIsAUsageError() {
        CliRun.Result r = CliRun.webboot(dir, "menu", "--medium", "floppy");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("--medium must be auto, pmem or file, not floppy");
    }

    @Test
    void withoutATerminalTheMenuReadsNumberedAnswersAndTheEndOfInputFails() {
        // CliRun gives the child no terminal and an empty standard input: the serial-console menu, left at once, and
        // (issue 17) a failure: nothing was chosen, so a script must not read success.
        CliRun.Result r = CliRun.webboot(dir, "menu");
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).endsWith("webboot: standard input ended before a choice was made\n");
        assertThat(r.stderr().lines().filter(l -> l.startsWith("webboot: "))).hasSize(1);
        assertThat(r.out())
                .startsWith(System.lineSeparator() + "== Choose a distribution ==")
                .contains("Catalog: built-in catalog")
                .doesNotContain("\u001b");
    }
}
