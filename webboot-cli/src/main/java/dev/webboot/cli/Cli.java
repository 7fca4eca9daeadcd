package dev.webboot.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * Builds the picocli {@link CommandLine} with webboot's conventions: exit status 2 for usage errors, 1 for any other
 * failure with one plain sentence on stderr (a stack trace only with {@code --debug}).
 */
final class Cli {
    private Cli() {}

    /** {@code --debug} is inherited by every subcommand; the whole argument list is the simplest place to see it. */
    /** Every command and subcommand answers {@code --help} and {@code --version}, however it was declared. */
    private static void withHelpEverywhere(CommandLine cli) {
        cli.getCommandSpec().mixinStandardHelpOptions(true);
        for (CommandLine sub : cli.getSubcommands().values()) {
            withHelpEverywhere(sub);
        }
    }

    static CommandLine commandLine(Object command, String... args) {
        boolean debug = Arrays.asList(args).contains("--debug");
        CommandLine cli = new CommandLine(command);
        withHelpEverywhere(cli);
        // stdout is buffered (a listing of 100,000 entries must not be 100,000 writes) and flushed when the command
        // ends (Main.execute); stderr carries progress and failures, so it is flushed at every line.
        cli.setOut(new PrintWriter(
                new java.io.BufferedWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16),
                false));
        cli.setErr(new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            commandLine.getErr().println("webboot: " + Failures.sentence(exception));
            if (debug) {
                exception.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return 1;
        });
        cli.setExitCodeExceptionMapper(
                exception -> exception instanceof CommandLine.ParameterException ? CommandLine.ExitCode.USAGE : 1);
        return cli;
    }
}
