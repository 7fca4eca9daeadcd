package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/** The help a user reads says what the commands do: every option and parameter has a description. */
class UsageHelpTest {
    @TempDir
    Path dir;

    @Test
    void everyOptionAndParameterOfEveryCommandHasADescription() {
        List<String> undescribed = new ArrayList<>();
        walk(Cli.commandLine(new Main()), undescribed);
        assertThat(undescribed)
                .as("options and parameters without a description")
                .isEmpty();
    }

    private static void walk(CommandLine command, List<String> undescribed) {
        String name = command.getCommandSpec().qualifiedName(" ");
        List<ArgSpec> args = new ArrayList<>(command.getCommandSpec().options());
        args.addAll(command.getCommandSpec().positionalParameters());
        for (ArgSpec arg : args) {
            String[] description = arg.description();
            if (description.length == 0 || String.join("", description).isBlank()) {
                undescribed.add(name + " " + arg);
            }
        }
        command.getSubcommands().values().forEach(sub -> walk(sub, undescribed));
    }

    @Test
    void optionalPathsAreShownAsOptional() {
        for (String group : List.of("iso", "squashfs")) {
            for (String sub : List.of("ls", "extract")) {
                CliRun.Result r = CliRun.webboot(dir, group, sub, "--help");
                assertThat(r.exitCode()).isZero();
                assertThat(r.out()).as(group + " " + sub).contains("[PATH]").doesNotContain(" PATH\n");
            }
        }
    }

    @Test
    void helpReachesNestedCommands() {
        CliRun.Result r = CliRun.webboot(dir, "help", "iso", "ls");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Usage: webboot iso ls ");
        CliRun.Result unknown = CliRun.webboot(dir, "help", "iso", "nope");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("Unknown command: iso nope");
    }

    @Test
    void bootHelpSaysTheDeviceMayBeARegularFile() {
        CliRun.Result r = CliRun.webboot(dir, "boot", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().replaceAll("\\s+", " ")).contains("a regular file is accepted too");
    }
}
