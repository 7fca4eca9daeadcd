package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.testing.ExternalTools;
import dev.webboot.testing.RuntimeClassPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code webboot initramfs build} with Debian's kernel modules: the archive is listed with GNU cpio (and must list
 * the same as {@code webboot initrd ls}), its {@code modules.dep} must match what depmod computes for the same
 * modules, and Debian's kernel boots it under QEMU (TCG): /init loads nd_pmem with webboot's loader, so that
 * {@code memmap=1G!4G} gives a 1 GiB /dev/pmem0 that {@code webboot pmem ls} reports, and {@code webboot --version}
 * prints in the guest what it prints on the host; {@code webboot.boot=} with URL-encoded {@code webboot.args=} runs
 * {@code webboot boot} with the decoded arguments, and its failure leads on to the {@code webboot.then=} step.
 */
class InitramfsBuildQemuTest {
    @TempDir
    Path dir;

    @Test
    void buildsAnInitramfsThatDebiansKernelBootsIntoWebboot() throws Exception {
        String root = System.getenv("WEBBOOT_TEST_ROOT");
        Path linux = Path.of(root == null ? "." : root, ".cache", "fixtures", "linux");
        assertThat(linux.resolve("vmlinuz"))
                .as("run scripts/fetch-fixtures, which unpacks Debian's kernel")
                .exists();
        ExternalTools.require("busybox", "busybox-static");
        String cpio = ExternalTools.require("cpio", "cpio").toString();
        String zstd = ExternalTools.require("zstd", "zstd").toString();
        String depmod = ExternalTools.require("depmod", "kmod").toString();
        String qemu =
                ExternalTools.require("qemu-system-x86_64", "qemu-system-x86").toString();

        Path image = dir.resolve("webboot.img");
        List<String> args = new ArrayList<>(List.of(
                "initramfs",
                "build",
                "-o",
                image.toString(),
                "--kernel-modules",
                linux.resolve("modules").toString(),
                "--module",
                "nd_pmem,nd_e820,isofs,virtio_net,virtio_pci",
                "--json"));
        for (Path entry : RuntimeClassPath.entries()) {
            args.add("--jar");
            args.add(entry.toString());
        }
        CliRun.Result build = CliRun.webboot(dir, args.toArray(String[]::new));
        assertThat(build.exitCode()).as(build.stderr()).isZero();
        assertThat(build.out())
                .contains("\"compression\":\"zstd\"")
                .contains("\"cds\":true")
                .contains("\"size\":" + Files.size(image) + ",");
        String release = build.out()
                .replaceAll("(?s).*\"kernelRelease\":\"([^\"]+)\".*", "$1")
                .strip();

        // GNU cpio's listing of the decompressed archive, and webboot's own.
        Path archive = dir.resolve("webboot.cpio");
        ExternalTools.run(dir, "sh", "-c", zstd + " -dc " + image + " > " + archive);
        List<String> listed = ExternalTools.run(dir, "sh", "-c", cpio + " -it --quiet < " + archive)
                .stdoutText()
                .lines()
                .toList();
        String modules = "lib/modules/" + release;
        assertThat(listed)
                .contains(
                        "init",
                        "bin/busybox",
                        "bin/sh",
                        "dev/console",
                        "usr/bin/webboot",
                        "usr/lib/webboot/jre/bin/java",
                        "usr/lib/webboot/jre/lib/server/libjvm.so",
                        "usr/lib/webboot/webboot.jsa",
                        "usr/lib/webboot/native/libjnidispatch.so",
                        "etc/ssl/certs/ca-certificates.crt",
                        "lib64/ld-linux-x86-64.so.2",
                        modules + "/modules.dep",
                        modules + "/kernel/drivers/nvdimm/nd_pmem.ko",
                        modules + "/kernel/drivers/nvdimm/libnvdimm.ko",
                        modules + "/kernel/drivers/net/virtio_net.ko")
                // webboot.jsa replaces the JDK's own CDS archives; only the named drivers are in.
                .noneMatch(p -> p.endsWith("classes.jsa") || p.endsWith("classes_nocoops.jsa") || p.contains("wifi"));
        CliRun.Result ls = CliRun.webboot(dir, "initrd", "ls", "--json", image.toString());
        assertThat(ls.exitCode()).as(ls.stderr()).isZero();
        List<String> webbootListed = ls.out()
                .lines()
                .map(l -> l.replaceAll(".*\"path\":\"/?([^\"]*)\".*", "$1"))
                .map(p -> p.isEmpty() ? "." : p)
                .toList();
        assertThat(webbootListed).containsExactlyElementsOf(listed);

        // modules.dep as depmod writes it for the same module files.
        Path unpacked = dir.resolve("unpacked");
        Files.createDirectories(unpacked);
        ExternalTools.run(unpacked, "sh", "-c", cpio + " -idm --quiet '" + modules + "/*' < " + archive);
        Map<String, Set<String>> ours = dependencies(Files.readString(unpacked.resolve(modules + "/modules.dep")));
        String depmodOutput = ExternalTools.run(dir, depmod, "-n", "-b", unpacked.toString(), release)
                .stdoutText();
        Map<String, Set<String>> theirs = dependencies(depmodOutput);
        assertThat(ours).isNotEmpty().isEqualTo(theirs);

        // The guest: webboot --version and webboot pmem ls, then power off.
        CliRun.Result hostVersion = CliRun.webboot(dir, "--version");
        String version = hostVersion.out().strip();
        assertThat(version).startsWith("webboot ");
        String serial = ExternalTools.runAllowingFailure(
                        dir,
                        "timeout",
                        "600",
                        qemu,
                        "-accel",
                        "tcg",
                        "-m",
                        "4G",
                        "-smp",
                        "1",
                        "-nographic",
                        "-no-reboot",
                        "-kernel",
                        linux.resolve("vmlinuz").toString(),
                        "-initrd",
                        image.toString(),
                        "-append",
                        "console=ttyS0 memmap=1G!4G panic=-1 quiet webboot.cmd=--version"
                                + " webboot.cmd=pmem+ls+--json webboot.boot=/nonexistent.iso"
                                + " webboot.args=--entry+7+--append+quiet%3D1 webboot.then=poweroff",
                        "-netdev",
                        "user,id=n0",
                        "-device",
                        "virtio-net-pci,netdev=n0")
                .stdoutText();
        assertThat(serial)
                .as(serial)
                .contains("webboot-init: modules loaded: ")
                .contains("webboot-init: webboot --version exited with status 0")
                .contains("webboot-init: webboot pmem ls --json exited with status 0")
                .contains("webboot-init: running: webboot boot /nonexistent.iso --entry 7 --append quiet=1")
                .contains("webboot-init: webboot boot /nonexistent.iso failed; here is a shell")
                .contains("webboot-init: powering off");
        assertThat(serial.lines().map(String::strip)).contains(version);
        assertThat(serial)
                .containsPattern("webboot-init: webboot boot /nonexistent.iso --entry 7 --append quiet=1 exited with"
                        + " status [1-9]");
        String loaded = serial.lines()
                .filter(l -> l.startsWith("webboot-init: modules loaded: "))
                .findFirst()
                .orElseThrow();
        assertThat(Arrays.asList(loaded.split(" "))).contains("libnvdimm", "nd_pmem", "nd_e820", "isofs", "virtio_net");
        assertThat(serial).containsPattern("\\{[^\\n]*\"/dev/pmem0\"[^\\n]*1073741824");
    }

    /** module path -> the module paths it needs, from modules.dep text. */
    private static Map<String, Set<String>> dependencies(String modulesDep) {
        Map<String, Set<String>> deps = new HashMap<>();
        for (String line : modulesDep.lines().toList()) {
            int colon = line.indexOf(':');
            // depmod -n prints modules.alias and the others after modules.dep: keep the module lines.
            if (colon < 0 || !line.substring(0, colon).matches("\\S+\\.ko(\\.\\w+)?")) {
                continue;
            }
            deps.put(
                    line.substring(0, colon).strip(),
                    Arrays.stream(line.substring(colon + 1).strip().split("\\s+"))
                            .filter(s -> !s.isEmpty())
                            .collect(Collectors.toCollection(TreeSet::new)));
        }
        return deps;
    }
}
