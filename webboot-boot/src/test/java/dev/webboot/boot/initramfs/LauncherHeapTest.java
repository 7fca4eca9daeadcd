package dev.webboot.boot.initramfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 18 item 6: the initramfs launcher caps the JVM's heap from MemTotal (an eighth, 96..512 MiB) so the ISO
 * staged into the same RAM has room. The generated launcher runs in {@code sh} (dash, as /bin/sh is on Debian) against
 * fake meminfo files; only the meminfo path and the java binary are swapped, to a file and to {@code echo}.
 */
class LauncherHeapTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "MemTotal {0} kB -> -Xmx{1}")
    @CsvSource({
        "262144, 96m", // 256 MiB: an eighth is 32 MiB, below the floor
        "1048576, 128m", // 1 GiB
        "2097152, 256m", // 2 GiB
        "4194304, 512m", // 4 GiB, the ceiling
        "16777216, 512m", // 16 GiB: still the ceiling
        "3999744, 488m", // an odd size rounds down
        "'', 96m", // no MemTotal line: the floor
    })
    void heapFromMemTotal(String memTotalKb, String heap) throws Exception {
        Path meminfo = dir.resolve("meminfo");
        Files.writeString(
                meminfo,
                "MemFree:          123456 kB\n"
                        + (memTotalKb.isEmpty() ? "" : "MemTotal:       " + memTotalKb + " kB\n")
                        + "MemAvailable:   777 kB\n");
        assertThat(run(meminfo, List.of()))
                .isEqualTo(
                        "-Xmx" + heap
                                + " -XX:+UseSerialGC -cp /usr/lib/webboot/lib/a.jar:/usr/lib/webboot/lib/b.jar dev.webboot.cli.Main ls x y");
    }

    @ParameterizedTest(name = "no meminfo -> -Xmx96m")
    @CsvSource({"96m"})
    void missingMeminfoGivesTheFloor(String heap) throws Exception {
        assertThat(run(dir.resolve("absent"), List.of())).startsWith("-Xmx" + heap + " ");
    }

    @ParameterizedTest(name = "WEBBOOT_HEAP={0}")
    @CsvSource({"1g", "300m"})
    void environmentOverrides(String heap) throws Exception {
        Path meminfo = Files.writeString(dir.resolve("meminfo"), "MemTotal: 4194304 kB\n");
        assertThat(run(meminfo, List.of("env", "WEBBOOT_HEAP=" + heap))).startsWith("-Xmx" + heap + " ");
    }

    private String run(Path meminfo, List<String> prefix) throws Exception {
        String launcher = InitramfsBuilder.launcher("-XX:+UseSerialGC", List.of("$W/lib/a.jar", "$W/lib/b.jar"));
        assertThat(launcher).contains("$(heap_mb /proc/meminfo)").contains("exec $W/jre/bin/java -Xmx\"$heap\" ");
        String testable =
                launcher.replace("/proc/meminfo", meminfo.toString()).replace("exec $W/jre/bin/java", "exec echo");
        Path script = Files.writeString(dir.resolve("webboot"), testable);
        Path sh = ExternalTools.require("sh", "dash");
        List<String> command = new java.util.ArrayList<>(prefix);
        command.addAll(List.of(sh.toString(), script.toString(), "ls", "x", "y"));
        return ExternalTools.run(dir, command.toArray(String[]::new))
                .stdoutText()
                .strip();
    }
}
