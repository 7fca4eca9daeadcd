package dev.webboot.cli;

import dev.webboot.testing.ExternalTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code webboot} in a child JVM, as a user runs it, with the test class path. */
final class CliRun {
    private CliRun() {}

    record Result(int exitCode, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    static Result webboot(Path workDir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ExternalTools.Result r = ExternalTools.runAllowingFailure(workDir, command.toArray(new String[0]));
        return new Result(r.exitCode(), r.stdout(), r.stderr());
    }
}
