package dev.webboot.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code webboot help [COMMAND…]}: the help of a command at any depth ({@code webboot help iso ls}); picocli's own
 * help command reads only the first name and printed the help of {@code iso} for {@code iso ls}.
 */
@Command(name = "help", helpCommand = true, description = "Show the help of a command, e.g. webboot help iso ls.")
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command and its subcommands, e.g. iso ls.")
    private String[] commands = new String[0];

    private CommandLine self;
    private CommandLine.Help.ColorScheme colors;
    private PrintWriter out;

    @Override
    public void init(
            CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = out;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        for (String name : commands) {
            CommandLine sub = target.getSubcommands().get(name);
            if (sub == null) {
                throw new CommandLine.ParameterException(
                        self, "Unknown command: " + String.join(" ", commands) + " (see webboot --help)");
            }
            target = sub;
        }
        target.usage(out, colors);
        out.flush();
    }
}
