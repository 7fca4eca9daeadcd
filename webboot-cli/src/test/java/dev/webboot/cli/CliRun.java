package dev.webboot.cli;

import dev.webboot.testing.ExternalTools;
import dev.webboot.testing.RuntimeClassPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code webboot} in a child JVM, as a user runs it, with the test class path. */
final class CliRun {
    private CliRun() {}

    record Result(int exitCode, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    /**
     * Runs {@code webboot} in a child JVM capped at {@code -Xmx256m} (a reader that reads a stream whole runs out of
     * that heap long before it runs out of a machine's), killed if it has not ended within {@code limit}.
     */
    static Result webbootSmallHeap(Path workDir, Duration limit, String... args) throws Exception {
        List<String> command = command(List.of("-Xmx256m"), args);
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", args) + " did not end within " + limit + "; stderr: "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        try {
            return new Result(
                    process.exitValue(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    /** The command line of a child JVM running {@code webboot args}, with {@code jvmOptions} and webboot's run-time class path. */
    static List<String> command(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(RuntimeClassPath.joined());
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    static Result webboot(Path workDir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(RuntimeClassPath.joined());
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ExternalTools.Result r = ExternalTools.runAllowingFailure(workDir, command.toArray(new String[0]));
        return new Result(r.exitCode(), r.stdout(), r.stderr());
    }
}
