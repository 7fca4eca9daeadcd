package dev.webboot.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Builds the picocli {@link CommandLine} with webboot's conventions: exit status 2 for usage errors, 1 for any other
 * failure with one plain sentence on stderr (a stack trace only with {@code --debug}).
 */
final class Cli {
    private Cli() {}

    /** Every command and subcommand answers {@code --help} and {@code --version}, however it was declared. */
    private static void withHelpEverywhere(CommandLine cli) {
        cli.getCommandSpec().mixinStandardHelpOptions(true);
        for (CommandLine sub : cli.getSubcommands().values()) {
            withHelpEverywhere(sub);
        }
    }

    /** The command that failed was asked for JSON: {@code --json} was given to it (or to a command above it). */
    private static boolean wantsJson(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--json")) {
                return true;
            }
        }
        return false;
    }

    /** The contract's "Failures in machine output": one line {@code {"error":…, "phase":…|null}} on stdout. */
    static void printJsonFailure(PrintWriter out, String sentence, Optional<String> phase) {
        out.println(JsonLine.object().put("error", sentence).put("phase", phase.orElse(null)));
        out.flush();
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
            commandLine.getErr().println("webboot: " + Failures.stderrLine(exception));
            if (debug) {
                exception.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            if (wantsJson(parseResult)) {
                printJsonFailure(commandLine.getOut(), Failures.sentence(exception), Failures.phase(exception));
            }
            return 1;
        });
        CommandLine.IParameterExceptionHandler usage = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((exception, arguments) -> {
            int status = usage.handleParseException(exception, arguments);
            // The parse may have stopped before --json was read: the argument list is what the user asked for.
            if (Arrays.asList(args).contains("--json")) {
                printJsonFailure(exception.getCommandLine().getOut(), exception.getMessage(), Optional.empty());
            }
            return status;
        });
        cli.setExitCodeExceptionMapper(
                exception -> exception instanceof CommandLine.ParameterException ? CommandLine.ExitCode.USAGE : 1);
        return cli;
    }
}
