package dev.webboot.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code webboot} command: boots live Linux distributions straight from the web. */
@Command(
        name = "webboot",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Boot live Linux distributions straight from the web.",
        subcommands = {
            IsoCommand.class,
            SquashfsCommand.class,
            PlanCommand.class,
            NetCommand.class,
            WifiCommand.class,
            FetchCommand.class,
            VerifyCommand.class,
            ListCommand.class,
            InitrdCommand.class,
            PmemCommand.class,
            KexecCommand.class,
            BootCommand.class,
            MenuCommand.class,
            ModulesCommand.class,
            InitramfsCommand.class,
            MediaCommand.class,
            HelpCommand.class
        })
public final class Main {

    @Option(
            names = "--debug",
            scope = ScopeType.INHERIT,
            description = "Log debug messages and print the stack trace of a failure.")
    private boolean debug;

    public static void main(String[] args) {
        // slf4j-simple reads its level once, when the first logger is made: set it before anything logs.
        String[] command = withMenuByDefault(args);
        if (java.util.Arrays.asList(command).contains("--debug")) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        } else if (command.length > 0 && command[0].equals("menu")) {
            // The menu owns the screen: only warnings interrupt it (the boot log keeps the rest).
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(execute(command));
    }

    /** {@code webboot} alone on a terminal is the menu; without a terminal it stays the usage message. */
    static String[] withMenuByDefault(String[] args) {
        return args.length == 0 && System.console() != null ? new String[] {"menu"} : args;
    }

    /** Runs the command line and returns the exit status of the contract: 0 ok, 1 failure, 2 usage. */
    public static int execute(String... args) {
        CommandLine cli = Cli.commandLine(new Main(), args);
        try {
            return cli.execute(args);
        } finally {
            cli.getOut().flush();
            cli.getErr().flush();
        }
    }
}
