package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.boot.ImageServer;
import dev.webboot.boot.TestIso;
import dev.webboot.testing.DebianKernel;
import dev.webboot.testing.ExternalTools;
import dev.webboot.testing.GnuPg;
import dev.webboot.testing.QemuGuest;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code webboot boot} in QEMU (TCG, Debian's kernel, {@code memmap=1G!4G}, user networking): a guest with webboot on a
 * jlinked runtime, and no network configured, runs {@code webboot boot URL --sums --sig --keyring} against a server on
 * the host. First a tampered ISO: refused with one sentence, nothing loaded for kexec. Then the real one, whose
 * download is cut in the middle once: resumed, verified, written into {@code /dev/pmem0}, planned from the ISO's own
 * GRUB menu, and kexec'd. The ISO's initrd loads the nvdimm and isofs modules, mounts {@code /dev/pmem0} and prints the
 * marker file it finds there: the test passes only when the second kernel prints the marker.
 */
class BootQemuTest {
    private static final String MEMMAP = "memmap=1G!4G";

    @TempDir
    Path dir;

    @Test
    void bootsASignedIsoIntoPmemAfterRefusingATamperedOne() throws Exception {
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
        List<String> modules = List.of(
                "drivers/nvdimm/libnvdimm",
                "drivers/nvdimm/nd_btt",
                "drivers/nvdimm/nd_e820",
                "drivers/nvdimm/nd_pmem",
                "drivers/cdrom/cdrom",
                "fs/isofs/isofs");
        StringBuilder load = new StringBuilder();
        for (String module : modules) {
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
                        + "echo \"WEBBOOT-SECOND-KERNEL: $(uname -r)\"\n"
                        + "echo \"WEBBOOT-SECOND-CMDLINE: $(cat /proc/cmdline)\"\n"
                        + "echo \"WEBBOOT-MARKER: $(cat /mnt/marker.txt)\"\n"
                        + "poweroff -f\n");
        init.toFile().setExecutable(true, false);
        TestIso iso = TestIso.build(dir, "marker-live.iso", marker, r2, "quiet panic=-1");
        byte[] isoBytes = Files.readAllBytes(iso.iso);
        byte[] tampered = isoBytes.clone();
        tampered[isoBytes.length - 5000] ^= 0x10;

        GnuPg gpg = new GnuPg(dir);
        String fingerprint = gpg.generate("Marker Live <sign@example.org>");
        Path sums = Files.writeString(dir.resolve("SHA256SUMS"), TestIso.sha256(isoBytes) + "  marker-live.iso\n");
        Path signature = gpg.detachSign("sign@example.org", sums, dir.resolve("SHA256SUMS.gpg"));

        QemuGuest guest = new QemuGuest(dir.resolve("guest"))
                .modules(
                        "drivers/nvdimm/libnvdimm",
                        "drivers/nvdimm/nd_btt",
                        "drivers/nvdimm/nd_e820",
                        "drivers/nvdimm/nd_pmem",
                        "drivers/virtio/virtio_ring",
                        "drivers/virtio/virtio",
                        "drivers/virtio/virtio_pci_legacy_dev",
                        "drivers/virtio/virtio_pci_modern_dev",
                        "drivers/virtio/virtio_pci",
                        "net/core/failover",
                        "drivers/net/net_failover",
                        "drivers/net/virtio_net")
                .java()
                .memory("4G")
                .cmdline("console=ttyS0 " + MEMMAP + " panic=-1 quiet")
                .timeout(240);
        Files.copy(gpg.export("sign@example.org", dir.resolve("marker.gpg")), dir.resolve("guest/root/etc/marker.gpg"));

        ImageServer files = new ImageServer()
                .publish("/live/marker-live.iso", isoBytes)
                .publish("/bad/marker-live.iso", tampered)
                .publish("/live/SHA256SUMS", Files.readAllBytes(sums))
                .publish("/live/SHA256SUMS.gpg", Files.readAllBytes(signature))
                .cutOnce("/live/marker-live.iso", isoBytes.length / 2);
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(files);
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            String host = "http://10.0.2.2:" + server.getPort();
            String evidence = " --sums " + host + "/live/SHA256SUMS --sig " + host + "/live/SHA256SUMS.gpg"
                    + " --keyring /etc/marker.gpg -q";
            String serial = guest.boot(
                    String.join(
                            "\n",
                            "mount -t tmpfs t /tmp",
                            "echo WEBBOOT-GUEST-UP",
                            guest.webboot("boot " + host + "/bad/marker-live.iso" + evidence),
                            "echo \"WEBBOOT-TAMPERED-EXIT: $?\"",
                            "echo \"WEBBOOT-KEXEC-LOADED: $(cat /sys/kernel/kexec_loaded)\"",
                            guest.webboot("boot " + host + "/live/marker-live.iso" + evidence
                                    + " --append webboot.test=appended"),
                            "echo \"WEBBOOT-BOOT-EXIT: $?\""),
                    "-netdev",
                    "user,id=n0",
                    "-device",
                    "virtio-net-pci,netdev=n0");
            Path kept = Path.of("target", "boot-qemu-serial.log");
            Files.writeString(kept, serial);
            String log = serial.replace("\r", "");
            String tail = log.substring(Math.max(0, log.length() - 4000));

            assertThat(log).as(tail).contains("WEBBOOT-GUEST-UP");
            // The guest had no network: webboot brought it up by DHCP.
            assertThat(log).as(tail).contains("webboot: network: eth0 10.0.2.15/24 via 10.0.2.2 (dhcp)");
            // The tampered ISO: one sentence naming it, exit 1, nothing loaded for kexec.
            assertThat(log)
                    .as(tail)
                    .contains("webboot: FAILED in fetch: " + host
                            + "/bad/marker-live.iso: the SHA-256 of the downloaded bytes is "
                            + TestIso.sha256(tampered) + ", but " + host + "/live/SHA256SUMS, signed by "
                            + fingerprint + " says " + TestIso.sha256(isoBytes))
                    .contains("WEBBOOT-TAMPERED-EXIT: 1")
                    .contains("WEBBOOT-KEXEC-LOADED: 0");
            // The real one: cut in the middle, resumed from there, verified, booted.
            List<RecordedRequest> gets = files.requestsFor("/live/marker-live.iso");
            assertThat(gets).hasSize(2);
            assertThat(gets.get(1).getHeader("Range")).isEqualTo("bytes=" + isoBytes.length / 2 + "-");
            assertThat(log)
                    .as(tail)
                    .contains("webboot: verified by " + host + "/live/SHA256SUMS, signed by " + fingerprint);
            assertThat(log).as(tail).doesNotContain("WEBBOOT-BOOT-EXIT");
            assertThat(line(log, "WEBBOOT-SECOND-KERNEL: ")).as(tail).isEqualTo(kernel.release);
            assertThat(line(log, "WEBBOOT-MARKER: ")).as(tail).isEqualTo(marker);
            String cmdline = line(log, "WEBBOOT-SECOND-CMDLINE: ");
            assertThat(cmdline).isEqualTo("quiet panic=-1 " + MEMMAP + " console=ttyS0 webboot.test=appended");
            assertThat(log.indexOf("WEBBOOT-TAMPERED-EXIT: 1"))
                    .as("the refusal came before the second kernel")
                    .isLessThan(log.indexOf("WEBBOOT-SECOND-KERNEL: "));
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
