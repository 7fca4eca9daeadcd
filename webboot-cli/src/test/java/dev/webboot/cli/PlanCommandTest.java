package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.plan.BootPlanner;
import dev.webboot.testing.IsoBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code webboot plan} on ISOs made by xorriso, in a child JVM. */
class PlanCommandTest {
    @TempDir
    static Path dir;

    static Path debian;
    static Path broken;
    /** The memmap= parameters of the kernel running the tests: the plan must carry them. */
    static String memmap;
    /** Its console= parameters (before "--"), which boot puts after the plan's line: plan names them (issue 17). */
    static List<String> consoles;

    private static void write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static Path iso(String tree, String label) {
        Path iso = dir.resolve(tree + ".iso");
        IsoBuilder.of(dir.resolve(tree))
                .label(label)
                .modificationDate("2024083112000000")
                .build(iso);
        return iso;
    }

    @BeforeAll
    static void buildImages() throws IOException {
        Path tree = dir.resolve("debian");
        Files.createDirectories(tree.resolve("live"));
        Files.write(tree.resolve("live/vmlinuz"), dev.webboot.testing.KernelImages.bzImage("6.1.0-25-amd64"));
        write(tree, "live/initrd.img", "initrd");
        write(tree, "live/filesystem.squashfs", "sq");
        write(
                tree,
                "boot/grub/grub.cfg",
                "set default=0\n"
                        + "menuentry \"Live system (amd64)\" {\n  linux /live/vmlinuz boot=live components quiet"
                        + " live-media=removable findiso=${iso_path}\n  initrd /live/initrd.img\n}\n");
        debian = iso("debian", "d-live 12.7.0 gn amd64");
        Path bad = dir.resolve("broken");
        write(bad, "casper/vmlinuz", "k");
        write(bad, "boot/grub/grub.cfg", "menuentry 'unterminated {\n linux /casper/vmlinuz\n}\n");
        broken = iso("broken", "BROKEN");
        String running = Files.exists(Path.of("/proc/cmdline")) ? Files.readString(Path.of("/proc/cmdline")) : "";
        memmap = BootPlanner.memmaps(running).stream().map(m -> " " + m).reduce("", String::concat);
        List<String> words = List.of(running.strip().split("\\s+"));
        int end = words.indexOf("--");
        consoles = (end < 0 ? words : words.subList(0, end))
                .stream().filter(w -> w.startsWith("console=")).toList();
    }

    @Test
    void pmemPlanAsJson() {
        CliRun.Result r = CliRun.webboot(dir, "plan", debian.toString(), "--json");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.out())
                .isEqualTo(
                        "{\"family\":\"live-boot\",\"label\":\"d-live 12.7.0 gn amd64\",\"configuration\":\"/boot/grub/grub.cfg\",\"entries\":[{\"title\":"
                                + "\"Live system (amd64)\",\"kernel\":\"/live/vmlinuz\",\"initrds\":[\"/live/initrd.img\"],"
                                + "\"cmdline\":\"boot=live components quiet live-media=/dev/pmem0" + memmap
                                + "\",\"default\":true,\"patch\":{\"modules\":[\"libnvdimm\",\"nd_btt\",\"nd_e820\","
                                + "\"nd_pmem\"],\"kernelVersion\":\"6.1.0-25-amd64\",\"hook\":\"initramfs-tools\","
                                + "\"modulesFound\":false}}],\"dropped\":[],\"bootAdds\":["
                                + String.join(
                                        ",",
                                        consoles.stream()
                                                .map(c -> "\"" + c + "\"")
                                                .toList()) + "]}\n");
    }

    @Test
    void filePlanAsJsonWithAnotherDevice() {
        CliRun.Result r = CliRun.webboot(
                dir,
                "plan",
                debian.toString(),
                "--medium",
                "file",
                "--iso-path",
                "/isos/debian.iso",
                "--iso-uuid",
                "1234-ABCD",
                "--json");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.out())
                .contains("\"cmdline\":\"boot=live components quiet findiso=/isos/debian.iso" + memmap + "\"");
        CliRun.Result pmem1 = CliRun.webboot(dir, "plan", debian.toString(), "--device", "/dev/pmem1", "--json");
        assertThat(pmem1.out()).contains("live-media=/dev/pmem1");
    }

    @Test
    void textOutputForPeople() {
        CliRun.Result r = CliRun.webboot(dir, "plan", debian.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.out())
                .isEqualTo(
                        "family: live-boot\nlabel: d-live 12.7.0 gn amd64\nconfiguration: /boot/grub/grub.cfg\nentry 0 (default): Live system (amd64)\n"
                                + "  kernel: /live/vmlinuz\n  initrds: /live/initrd.img\n"
                                + "  cmdline: boot=live components quiet live-media=/dev/pmem0" + memmap + "\n"
                                + (consoles.isEmpty()
                                        ? ""
                                        : "  boot adds: " + String.join(" ", consoles)
                                                + " (the running kernel's console)\n")
                                + "  patch: libnvdimm nd_btt nd_e820 nd_pmem for 6.1.0-25-amd64 via initramfs-tools hook"
                                + " (modules NOT in the ISO: boot it with --medium file)\n");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(CliRun.webboot(dir, "plan", debian.toString(), "--medium", "file")
                        .exitCode())
                .isEqualTo(2);
        assertThat(CliRun.webboot(dir, "plan", debian.toString(), "--medium", "floppy")
                        .exitCode())
                .isEqualTo(2);
        assertThat(CliRun.webboot(dir, "plan").exitCode()).isEqualTo(2);
    }

    /**
     * A path with white space cannot be one kernel parameter: quoted, the kernel keeps it whole but casper and
     * live-boot split {@code /proc/cmdline} on white space themselves. It is refused before planning; a path with
     * other UTF-8 (no 0xA0 byte) is written as it is.
     */
    @Test
    void anIsoPathTheKernelWouldSplitIsRefused() {
        for (String path :
                new String[] {"/isos/x y.iso", "/isos/x\ty.iso", "/isos/\"x\".iso", "/isos/voil\u00e0.iso"}) {
            CliRun.Result r = CliRun.webboot(
                    dir, "plan", debian.toString(), "--medium", "file", "--iso-path", path, "--iso-uuid", "1234-ABCD");
            assertThat(r.exitCode()).as(path).isEqualTo(2);
            assertThat(r.out()).as(path).doesNotContain("findiso");
            assertThat(r.stderr()).as(path).contains("which would split the kernel parameter that names it");
        }
        assertThat(CliRun.webboot(
                                dir,
                                "plan",
                                debian.toString(),
                                "--medium",
                                "file",
                                "--iso-path",
                                "/isos/x y.iso",
                                "--iso-uuid",
                                "1234-ABCD")
                        .stderr())
                .contains("--iso-path: the ISO path '/isos/x y.iso' holds white space (byte 7), which would split the"
                        + " kernel parameter that names it; rename the file or move it to a path without it");
        CliRun.Result accented = CliRun.webboot(
                dir,
                "plan",
                debian.toString(),
                "--medium",
                "file",
                "--iso-path",
                "/isos/caf\u00e9.iso",
                "--iso-uuid",
                "1234-ABCD",
                "--json");
        assertThat(accented.exitCode()).as(accented.stderr()).isZero();
        assertThat(accented.out()).contains("findiso=/isos/caf\u00e9.iso");
    }

    @Test
    void malformedConfigIsOnePlainSentence() {
        CliRun.Result r = CliRun.webboot(dir, "plan", broken.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.stderr().lines().filter(l -> l.startsWith("webboot: ")).toList())
                .containsExactly("webboot: " + broken + "!/boot/grub/grub.cfg: line 1: unterminated single quote"
                        + " at byte offset 10");
    }

    @Test
    void missingImageIsOnePlainSentence() {
        CliRun.Result r = CliRun.webboot(dir, "plan", dir.resolve("missing.iso").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("webboot: " + dir.resolve("missing.iso") + ": no such file");
    }
}
