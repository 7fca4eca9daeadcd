package dev.webboot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real tools that webboot is compared with (xorriso, mksquashfs, cpio, gpg, ...).
 *
 * <p>A missing tool fails the test with a sentence saying how to install it: {@code scripts/test} installs every
 * tool the suite needs, so a missing one is a broken set-up, never a reason to skip.
 */
public final class ExternalTools {
    private ExternalTools() {}

    /** The tool's path on {@code PATH}; fails the test when it is missing. */
    public static Path require(String tool, String debianPackage) {
        String pathVar = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        List<String> dirs = new ArrayList<>(List.of(pathVar.split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin"));
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(tool + " is missing: run scripts/test, which installs it, or apt-get install "
                + debianPackage + (isCi() ? " (CI is set: tests never skip)" : ""));
    }

    /** True when the suite runs under CI (the {@code CI} environment variable is set). */
    public static boolean isCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isEmpty() && !ci.equals("false");
    }

    /** The outcome of a finished process. */
    public record Result(int exitCode, byte[] stdout, String stderr) {
        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    /** Runs a command to completion (at most 10 minutes), failing the test unless it exits 0. */
    public static Result run(Path workDir, String... command) {
        Result result = runAllowingFailure(workDir, command);
        if (result.exitCode() != 0) {
            throw new AssertionError(
                    String.join(" ", command) + " exited " + result.exitCode() + ": " + result.stderr());
        }
        return result;
    }

    /** Runs a command to completion (at most 10 minutes) and returns whatever it exited with. */
    public static Result runAllowingFailure(Path workDir, String... command) {
        try {
            Path err = Files.createTempFile("webboot-test", ".stderr");
            Path out = Files.createTempFile("webboot-test", ".stdout");
            try {
                Process process = new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
                if (!process.waitFor(10, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish within 10 minutes");
                }
                return new Result(
                        process.exitValue(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(err);
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
    }
}
