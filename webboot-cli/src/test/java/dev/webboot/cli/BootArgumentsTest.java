package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What {@code webboot boot} hands its second instance: its own words, not the whole command line. */
class BootArgumentsTest {
    @Test
    void theWordsAfterTheCommandNameAreCarried() {
        CommandLine cli = new CommandLine(new Main());
        CommandLine.ParseResult parsed =
                cli.parseArgs("boot", "http://h/x.iso", "--sha256", "ab12", "--append", "quiet=1", "--insecure");
        CommandLine boot = parsed.subcommand().commandSpec().commandLine();
        assertThat(BootCommand.ownArguments(boot))
                .isEqualTo(List.of("http://h/x.iso", "--sha256", "ab12", "--append", "quiet=1", "--insecure"));
    }
}
