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
    void anUnknownMediumIsAUsageError() {
        CliRun.Result r = CliRun.webboot(dir, "menu", "--medium", "floppy");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("--medium must be auto, pmem or file, not floppy");
    }

    @Test
    void withoutATerminalTheMenuReadsNumberedAnswersAndTheEndOfInputQuits() {
        // CliRun gives the child no terminal and an empty standard input: the serial-console menu, left at once.
        CliRun.Result r = CliRun.webboot(dir, "menu");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.out())
                .startsWith(System.lineSeparator() + "== Choose a distribution ==")
                .contains("Catalog: built-in catalog")
                .doesNotContain("\u001b");
    }
}
