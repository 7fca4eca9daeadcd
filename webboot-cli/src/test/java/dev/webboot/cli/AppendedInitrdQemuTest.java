package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Linux kernel itself accepts an initrd that {@code webboot initrd append} extended: Debian's kernel (from
 * {@code scripts/fetch-fixtures}) boots in QEMU (TCG) with a zstd-compressed base initrd made by GNU cpio, as Debian
 * ships them, followed by the archive webboot appended; the base's /init prints {@code /appended/marker}, a file
 * only the appended archive holds, whose content is random. One boot per compression webboot writes, and one boot
 * of the base alone that must not print any marker, so a test that always passes would be caught.
 */
class AppendedInitrdQemuTest {
    /** Every marker's content starts with this; nothing else in the guest or the kernel prints it. */
    private static final String MARKER_PREFIX = "webboot-appended-";

    @TempDir
    static Path dir;

    static Path base;

    @BeforeAll
    static void buildBaseInitrd() throws IOException {
        Path busybox = ExternalTools.require("busybox", "busybox-static");
        String cpio = ExternalTools.require("cpio", "cpio").toString();
        String zstd = ExternalTools.require("zstd", "zstd").toString();
        Path root = dir.resolve("root");
        for (String d : List.of("bin", "proc", "dev")) {
            Files.createDirectories(root.resolve(d));
        }
        Files.copy(busybox, root.resolve("bin/busybox"));
        Files.createSymbolicLink(root.resolve("bin/sh"), Path.of("busybox"));
        // INIT-RAN shows the guest reached /init even when the marker is absent (the negative control).
        Files.writeString(
                root.resolve("init"),
                String.join(
                        "\n",
                        "#!/bin/sh",
                        "/bin/busybox mount -t proc proc /proc",
                        "echo INIT-RAN",
                        "echo \"MARKER: $(/bin/busybox cat /appended/marker 2>&1)\"",
                        "/bin/busybox poweroff -f",
                        ""));
        root.resolve("init").toFile().setExecutable(true, false);
        base = dir.resolve("base.img");
        ExternalTools.run(
                root,
                "sh",
                "-c",
                "find . | LC_ALL=C sort | " + cpio + " -o -H newc --quiet | " + zstd + " -q -19 > " + base);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "xz", "zstd"})
    void kernelUnpacksTheArchiveWebbootAppended(String compression) throws IOException {
        String content = MARKER_PREFIX + compression + "-" + UUID.randomUUID();
        Path marker = dir.resolve("marker-" + compression);
        Files.writeString(marker, content + "\n");
        Path out = dir.resolve("extended-" + compression + ".img");

        CliRun.Result append = CliRun.webboot(
                dir,
                "initrd",
                "append",
                base.toString(),
                "-o",
                out.toString(),
                "--compress",
                compression,
                marker + "=/appended/marker");
        assertThat(append.exitCode()).as(append.stderr()).isZero();
        byte[] baseBytes = Files.readAllBytes(base);
        byte[] outBytes = Files.readAllBytes(out);
        assertThat(outBytes.length).isGreaterThan(baseBytes.length);
        assertThat(Arrays.copyOf(outBytes, baseBytes.length))
                .as("the base initrd's bytes stay unchanged at the start")
                .isEqualTo(baseBytes);

        CliRun.Result ls = CliRun.webboot(dir, "initrd", "ls", "--json", out.toString());
        assertThat(ls.exitCode()).as(ls.stderr()).isZero();
        List<String> members = ls.out().lines().toList();
        assertThat(members)
                .as("the base is segment 0 (zstd); webboot's archive is segment 1, the last")
                .allSatisfy(l -> assertThat(l).matches("\\{\"segment\":[01],.*"))
                .anySatisfy(l -> assertThat(l).startsWith("{\"segment\":0,\"compression\":\"zstd\",\"path\":\"/init\""))
                .anySatisfy(l -> assertThat(l)
                        .startsWith("{\"segment\":1,\"compression\":\"" + compression
                                + "\",\"path\":\"/appended/marker\",\"type\":\"file\",\"size\":"
                                + (content.length() + 1) + ","));
        assertThat(members.stream().filter(l -> l.contains("\"path\":\"/appended/marker\"")))
                .hasSize(1);

        String serial = boot(out);
        assertThat(serial).as(serial).contains("INIT-RAN").doesNotContain("Initramfs unpacking failed");
        assertThat(serial).as(serial).contains("MARKER: " + content);
    }

    @Test
    void baseInitrdAloneHasNoMarker() throws IOException {
        String serial = boot(base);
        assertThat(serial).as(serial).contains("INIT-RAN").contains("MARKER: ");
        assertThat(serial).as(serial).doesNotContain(MARKER_PREFIX);
    }

    /** Boots Debian's kernel with {@code initrd}; returns the serial console. The guest powers itself off. */
    private static String boot(Path initrd) {
        String testRoot = System.getenv("WEBBOOT_TEST_ROOT");
        Path vmlinuz = Path.of(testRoot == null ? "." : testRoot, ".cache", "fixtures", "linux", "vmlinuz");
        assertThat(vmlinuz)
                .as("run scripts/fetch-fixtures, which unpacks Debian's kernel")
                .exists();
        String qemu =
                ExternalTools.require("qemu-system-x86_64", "qemu-system-x86").toString();
        return ExternalTools.runAllowingFailure(
                        dir,
                        "timeout",
                        "120",
                        qemu,
                        "-accel",
                        "tcg",
                        "-m",
                        "512M",
                        "-smp",
                        "1",
                        "-nographic",
                        "-no-reboot",
                        "-kernel",
                        vmlinuz.toString(),
                        "-initrd",
                        initrd.toString(),
                        "-append",
                        "console=ttyS0 panic=-1 quiet")
                .stdoutText();
    }
}
