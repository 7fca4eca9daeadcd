package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cli.md, "Failures in machine output": with --json a failure is one {"error", "phase"} line on stdout too. */
class JsonFailureTest {
    @TempDir
    Path dir;

    @Test
    void imageCommandsPrintTheSentenceAsJsonAndExit1() {
        Path missing = dir.resolve("missing.iso");
        for (String[] args : new String[][] {
            {"iso", "info", missing.toString(), "--json"},
            {"iso", "ls", "--json", missing.toString()},
            {"squashfs", "ls", "--json", missing.toString()},
            {"initrd", "ls", "--json", missing.toString()},
            {"plan", missing.toString(), "--json"},
        }) {
            CliRun.Result r = CliRun.webboot(dir, args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(r.out())
                    .as(String.join(" ", args))
                    .isEqualTo("{\"error\":\"" + missing + ": no such file\",\"phase\":null}\n");
            assertThat(r.stderr()).isEqualTo("webboot: " + missing + ": no such file\n");
        }
    }

    @Test
    void withoutJsonStdoutStaysEmpty() {
        CliRun.Result r =
                CliRun.webboot(dir, "iso", "info", dir.resolve("missing.iso").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aUsageErrorKeepsExitStatus2AndIsReportedToo() {
        CliRun.Result r = CliRun.webboot(dir, "iso", "ls", "--json");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out())
                .startsWith("{\"error\":\"Missing required parameter")
                .endsWith("\"phase\":null}\n");
    }

    @Test
    void aBootFailureNamesItsPhaseOnceOnStderrAndInTheJson() {
        Path missing = dir.resolve("nothing-here.iso");
        CliRun.Result r = CliRun.webboot(
                dir,
                "boot",
                missing.toString(),
                "--dry-run",
                "--insecure",
                "--json",
                "--log",
                dir.resolve("boot.log").toString());
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
        assertThat(r.out()).matches("\\{\"error\":\"[^\"]+\",\"phase\":\"[a-z]+\"\\}\n");
        assertThat(r.stderr().lines().filter(l -> l.contains("FAILED in"))).hasSize(1);
        assertThat(r.stderr().strip().lines().reduce((a, b) -> b).orElse("")).startsWith("webboot: FAILED in ");
    }
}
