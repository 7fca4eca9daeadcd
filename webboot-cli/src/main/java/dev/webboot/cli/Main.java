package dev.webboot.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code webboot} command: boots live Linux distributions straight from the web. */
@Command(
        name = "webboot",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Boot live Linux distributions straight from the web.",
        subcommands = {CommandLine.HelpCommand.class, PmemCommand.class, KexecCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit status of the contract: 0 ok, 1 failure, 2 usage. */
    public static int execute(String... args) {
        return Cli.commandLine(new Main()).execute(args);
    }
}
