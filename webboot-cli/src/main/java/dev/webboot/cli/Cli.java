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

    static CommandLine commandLine(Object command) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            commandLine.getErr().println("webboot: " + Failures.sentence(exception));
            if (Arrays.asList(parseResult.originalArgs()).contains("--debug")) {
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
