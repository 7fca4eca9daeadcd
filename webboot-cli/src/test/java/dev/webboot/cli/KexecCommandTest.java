package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.testing.DebianKernel;
import dev.webboot.testing.IsoBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KexecCommandTest {
    @TempDir
    Path dir;

    @Test
    void dryRunLoadsNothingAndReportsSizes() throws IOException {
        DebianKernel kernel = DebianKernel.get();
        Path initrd = Files.write(dir.resolve("initrd"), new byte[1001]);
        CliRun.Result run = CliRun.webboot(
                dir,
                "kexec",
                "load",
                "--kernel",
                kernel.vmlinuz().toString(),
                "--initrd",
                initrd.toString(),
                "--initrd",
                initrd.toString(),
                "--cmdline",
                "console=ttyS0 memmap=1G!4G",
                "--dry-run",
                "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.out())
                .startsWith(
                        "{\"kernel\":\"" + kernel.vmlinuz() + "\",\"architecture\":\"x86_64\",\"format\":\"bzImage\","
                                + "\"version\":\"" + kernel.release + " ")
                .contains("\"kernelBytes\":" + Files.size(kernel.vmlinuz()) + ",\"initrdBytes\":2008,")
                .endsWith("\"cmdline\":\"console=ttyS0 memmap=1G!4G\",\"loaded\":false,\"dryRun\":true}\n");
    }

    @Test
    void kernelAndInitrdAreReadInPlaceFromAnIsoMadeByXorriso() throws IOException {
        DebianKernel kernel = DebianKernel.get();
        Path tree = Files.createDirectories(dir.resolve("tree/casper"));
        Files.copy(kernel.vmlinuz(), tree.resolve("vmlinuz"));
        Files.write(tree.resolve("initrd"), new byte[4099]);
        Path iso = dir.resolve("live.iso");
        IsoBuilder.of(dir.resolve("tree")).joliet().label("LIVE").build(iso);
        CliRun.Result run = CliRun.webboot(
                dir,
                "kexec",
                "load",
                "--kernel",
                iso + "!/casper/vmlinuz",
                "--initrd",
                iso + "!/casper/initrd",
                "--cmdline",
                "boot=casper",
                "--dry-run",
                "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.out())
                .contains("\"kernelBytes\":" + Files.size(kernel.vmlinuz()) + ",\"initrdBytes\":4100,")
                .contains("\"loaded\":false");
    }

    @Test
    void notAKernelIsOneSentence() throws IOException {
        Path text = Files.writeString(dir.resolve("vmlinuz"), "not a kernel ".repeat(100));
        CliRun.Result run =
                CliRun.webboot(dir, "kexec", "load", "--kernel", text.toString(), "--cmdline", "", "--dry-run");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr())
                .startsWith("webboot: " + text + ": not a Linux kernel")
                .hasLineCount(1);
        assertThat(CliRun.webboot(dir, "kexec", "load", "--cmdline", "x").exitCode())
                .isEqualTo(2);
    }
}
