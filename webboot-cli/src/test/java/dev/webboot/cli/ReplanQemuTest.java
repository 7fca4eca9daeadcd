package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.boot.ImageServer;
import dev.webboot.boot.TestIso;
import dev.webboot.testing.DebianKernel;
import dev.webboot.testing.ExternalTools;
import dev.webboot.testing.RuntimeClassPath;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No {@code memmap=} to guess, in QEMU (TCG, {@code -m 4G}): Debian's kernel boots webboot's initramfs (built by
 * {@code webboot initramfs build --kernel}) with no {@code memmap=} and an unattended {@code webboot.boot=} of an ISO
 * served by the host. webboot finds no pmem device, plans {@code memmap=} from /sys/firmware/memmap for the size the
 * server announces, kexecs its own kernel and re-packed initramfs with it, and the second instance (whose
 * /proc/cmdline /init prints) boots the ISO from /dev/pmem0: the ISO's initrd prints the marker it finds there.
 */
class ReplanQemuTest {
    @TempDir
    Path dir;

    @Test
    void webbootPlansItsOwnMemmapAndBootsItselfAgainBeforeBootingTheIso() throws Exception {
        String root = System.getenv("WEBBOOT_TEST_ROOT");
        Path linux = Path.of(root == null ? "." : root, ".cache", "fixtures", "linux");
        assertThat(linux.resolve("vmlinuz"))
                .as("run scripts/fetch-fixtures, which unpacks Debian's kernel")
                .exists();
        String qemu =
                ExternalTools.require("qemu-system-x86_64", "qemu-system-x86").toString();
        DebianKernel kernel = DebianKernel.get();
        String marker = "WEBBOOT-ISO-" + UUID.randomUUID();

        // The distribution's initrd: it finds its ISO on /dev/pmem0 with drivers it carries itself.
        Path r2 = Files.createDirectories(dir.resolve("r2"));
        for (String d : List.of("bin", "dev", "proc", "sys", "mnt", "lib")) {
            Files.createDirectories(r2.resolve(d));
        }
        Files.copy(ExternalTools.require("busybox", "busybox-static"), r2.resolve("bin/busybox"));
        for (String applet : List.of("sh", "mount", "insmod", "sleep", "cat", "uname", "poweroff", "echo")) {
            Files.createSymbolicLink(r2.resolve("bin/" + applet), Path.of("busybox"));
        }
        StringBuilder load = new StringBuilder();
        for (String module : List.of(
                "drivers/nvdimm/libnvdimm",
                "drivers/nvdimm/nd_btt",
                "drivers/nvdimm/nd_e820",
                "drivers/nvdimm/nd_pmem",
                "drivers/cdrom/cdrom",
                "fs/isofs/isofs")) {
            String name = Path.of(module).getFileName() + ".ko";
            Files.copy(kernel.module(module + ".ko"), r2.resolve("lib/" + name));
            load.append("insmod /lib/").append(name).append('\n');
        }
        Path init = r2.resolve("init");
        Files.writeString(
                init,
                "#!/bin/sh\n"
                        + "mount -t proc p /proc; mount -t sysfs s /sys; mount -t devtmpfs d /dev\n"
                        + load
                        + "i=0; while [ ! -b /dev/pmem0 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done\n"
                        + "mount -t iso9660 -o ro /dev/pmem0 /mnt\n"
                        + "echo \"WEBBOOT-SECOND-CMDLINE: $(cat /proc/cmdline)\"\n"
                        + "echo \"WEBBOOT-MARKER: $(cat /mnt/marker.txt)\"\n"
                        + "poweroff -f\n");
        init.toFile().setExecutable(true, false);
        TestIso iso = TestIso.build(dir, "marker-live.iso", marker, r2, "quiet panic=-1");
        byte[] isoBytes = Files.readAllBytes(iso.iso);

        Path image = dir.resolve("webboot.img");
        List<String> args = new ArrayList<>(List.of(
                "initramfs",
                "build",
                "-o",
                image.toString(),
                "--kernel-modules",
                linux.resolve("modules").toString(),
                "--kernel",
                linux.resolve("vmlinuz").toString(),
                "--module",
                "nd_pmem,nd_e820,isofs,virtio_net,virtio_pci",
                "--json"));
        for (Path entry : RuntimeClassPath.entries()) {
            args.add("--jar");
            args.add(entry.toString());
        }
        CliRun.Result build = CliRun.webboot(dir, args.toArray(String[]::new));
        assertThat(build.exitCode()).as(build.stderr()).isZero();

        ImageServer files = new ImageServer().publish("/live/marker-live.iso", isoBytes);
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(files);
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            String url = "http://10.0.2.2:" + server.getPort() + "/live/marker-live.iso";
            String cmdline = "console=ttyS0 panic=-1 retain_initrd webboot.boot=" + url + " webboot.args=--sha256+"
                    + TestIso.sha256(isoBytes) + "+-q webboot.then=poweroff";
            long start = System.nanoTime();
            String serial = ExternalTools.runAllowingFailure(
                            dir,
                            "timeout",
                            "900",
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
                            cmdline,
                            "-netdev",
                            "user,id=n0",
                            "-device",
                            "virtio-net-pci,netdev=n0")
                    .stdoutText()
                    .replace("\r", "");
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            Files.writeString(Path.of("target", "replan-qemu-serial.log"), serial + "\n(QEMU ran " + seconds + " s)\n");
            String tail = serial.substring(Math.max(0, serial.length() - 6000));

            String planned = "memmap=128M!4G";
            assertThat(serial)
                    .as(tail)
                    .contains("webboot-init: command line: " + cmdline)
                    .contains("replan: there is no pmem device; 128M!4G: 128 MiB of the lowest usable RAM at or"
                            + " above 4 GiB")
                    .contains("execute: booting webboot again with " + planned);
            // The second instance: the planned memmap=, the marker, the boot request carried over.
            assertThat(serial)
                    .as(tail)
                    .contains("webboot-init: command line: console=ttyS0 panic=-1 retain_initrd webboot.boot=" + url
                            + " webboot.args=--sha256+" + TestIso.sha256(isoBytes) + "+-q webboot.then=poweroff "
                            + planned + " webboot.replanned=1");
            assertThat(line(serial, "WEBBOOT-MARKER: ")).as(tail).isEqualTo(marker);
            assertThat(line(serial, "WEBBOOT-SECOND-CMDLINE: "))
                    .as(tail)
                    .isEqualTo("quiet panic=-1 " + planned + " console=ttyS0");
            assertThat(serial.indexOf("webboot.replanned=1"))
                    .as("webboot booted itself again before the ISO's kernel")
                    .isLessThan(serial.indexOf("WEBBOOT-MARKER: "));
        }
    }

    private static String line(String log, String prefix) {
        return log.lines()
                .filter(l -> l.contains(prefix))
                .map(l -> l.substring(l.indexOf(prefix) + prefix.length()).strip())
                .findFirst()
                .orElse("(no " + prefix.strip() + " line)");
    }
}
