package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PmemCommandTest {
    @TempDir
    Path dir;

    /** QEMU pc with -m 4G and memmap=1G!4G, as recorded (see webboot-pmem's machines/qemu-pc-4g.txt). */
    private Path qemuMachine() throws IOException {
        Path root = dir.resolve("root");
        String[][] map = {
            {"0x0", "0x9fbff", "System RAM"},
            {"0x9fc00", "0x9ffff", "Reserved"},
            {"0xf0000", "0xfffff", "Reserved"},
            {"0x100000", "0xbffdffff", "System RAM"},
            {"0xbffe0000", "0xbfffffff", "Reserved"},
            {"0xfffc0000", "0xffffffff", "Reserved"},
            {"0x100000000", "0x13fffffff", "System RAM"},
            {"0xfd00000000", "0xffffffffff", "Reserved"}
        };
        for (int i = 0; i < map.length; i++) {
            Path entry = Files.createDirectories(root.resolve("sys/firmware/memmap/" + i));
            Files.writeString(entry.resolve("start"), map[i][0] + "\n");
            Files.writeString(entry.resolve("end"), map[i][1] + "\n");
            Files.writeString(entry.resolve("type"), map[i][2] + "\n");
        }
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/meminfo"), "MemTotal:        2995472 kB\n");
        Files.writeString(root.resolve("proc/cmdline"), "console=ttyS0 memmap=1G!4G panic=-1 quiet\n");
        Files.writeString(root.resolve("proc/iomem"), "100000000-13fffffff : Persistent Memory (legacy)\n");
        Path pmem = Files.createDirectories(root.resolve("sys/block/pmem0/device"));
        Files.writeString(root.resolve("sys/block/pmem0/size"), "2097152\n");
        Files.writeString(pmem.resolve("resource"), "0x100000000\n");
        Files.writeString(pmem.resolve("mode"), "memory\n");
        return root;
    }

    @Test
    void planPrintsTheMeasuredRange() throws IOException {
        String root = qemuMachine().toString();
        CliRun.Result json = CliRun.webboot(dir, "pmem", "plan", "--size", "1G", "--json", "--root", root);
        assertThat(json.exitCode()).isZero();
        assertThat(json.out())
                .startsWith("{\"memmap\":\"1G!4G\",\"parameter\":\"memmap=1G!4G\",\"start\":4294967296,"
                        + "\"size\":1073741824,\"reason\":\"1G!4G: ")
                .endsWith("}\n")
                .hasLineCount(1);
        CliRun.Result human = CliRun.webboot(dir, "pmem", "plan", "--size", "100000000", "--root", root);
        assertThat(human.out()).isEqualTo("memmap=128M!4G\n");
        assertThat(human.stderr()).contains("usable RAM");
    }

    @Test
    void planFailuresAndUsageErrors() throws IOException {
        String root = qemuMachine().toString();
        CliRun.Result tooLarge = CliRun.webboot(dir, "pmem", "plan", "--size", "3G", "--root", root);
        assertThat(tooLarge.exitCode()).isEqualTo(1);
        assertThat(tooLarge.stderr()).startsWith("webboot: a 3 GiB RAM disk").hasLineCount(1);
        assertThat(CliRun.webboot(dir, "pmem", "plan", "--size", "lots", "--root", root)
                        .exitCode())
                .isEqualTo(2);
        assertThat(CliRun.webboot(dir, "pmem", "plan", "--root", root).exitCode())
                .isEqualTo(2);
    }

    @Test
    void lsListsTheDevice() throws IOException {
        String root = qemuMachine().toString();
        CliRun.Result json = CliRun.webboot(dir, "pmem", "ls", "--json", "--root", root);
        assertThat(json.exitCode()).isZero();
        assertThat(json.out())
                .isEqualTo("{\"device\":\"/dev/pmem0\",\"name\":\"pmem0\",\"size\":1073741824,"
                        + "\"start\":4294967296,\"mode\":\"memory\",\"memmap\":\"1G!4G\"}\n");
        CliRun.Result none =
                CliRun.webboot(dir, "pmem", "ls", "--root", dir.resolve("empty").toString());
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).isEmpty();
        assertThat(none.stderr()).contains("no pmem devices");
    }

    @Test
    void stageWritesAndVerifiesAndRefusesTooLarge() throws IOException {
        byte[] bytes = new byte[1_500_000];
        new Random(9).nextBytes(bytes);
        Path image = Files.write(dir.resolve("image.iso"), bytes);
        Path device = Files.write(dir.resolve("device"), new byte[2_000_000]);
        CliRun.Result run = CliRun.webboot(
                dir, "pmem", "stage", image.toString(), "--device", device.toString(), "--verify", "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        String sha = ExternalTools.run(dir, "sha256sum", image.toString())
                .stdoutText()
                .split(" ")[0];
        assertThat(run.out())
                .isEqualTo("{\"device\":\"" + device + "\",\"bytes\":1500000,\"sha256\":\"" + sha
                        + "\",\"verified\":true}\n");
        Path small = Files.write(dir.resolve("small"), new byte[1_000_000]);
        CliRun.Result refused = CliRun.webboot(dir, "pmem", "stage", image.toString(), "--device", small.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr())
                .startsWith("webboot: " + small + ": the image (1500000 bytes) is larger than the device")
                .contains("nothing was written")
                .hasLineCount(1);
        assertThat(Files.readAllBytes(small)).containsOnly(0);
        CliRun.Result missing =
                CliRun.webboot(dir, "pmem", "stage", dir.resolve("nope.iso").toString(), "--device", small.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("webboot: " + dir.resolve("nope.iso") + ": no such file\n");
    }
}
