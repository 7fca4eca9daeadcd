package dev.webboot.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.boot.initramfs.InitramfsBuilder;
import dev.webboot.fetch.Downloader;
import dev.webboot.testing.DebianKernel;
import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No pmem device: webboot plans a {@code memmap=} from the firmware's memory map (QEMU's pc machine with 4 GiB, as
 * recorded in webboot-pmem's machines/qemu-pc-4g.txt) for the size the server announces, and loads its own kernel
 * (Debian's, where the initramfs carries it) with the running root packed again and the new command line; on the
 * second instance it refuses to do it again. The kexec records instead of jumping.
 */
class ReplanFlowTest {
    private static final String QEMU_PC_4G = String.join(
            "\n",
            "0x0 0x9fbff System RAM",
            "0x9fc00 0x9ffff Reserved",
            "0xf0000 0xfffff Reserved",
            "0x100000 0xbffdffff System RAM",
            "0xbffe0000 0xbfffffff Reserved",
            "0xfffc0000 0xffffffff Reserved",
            "0x100000000 0x13fffffff System RAM",
            "0xfd00000000 0xffffffffff Reserved");

    @TempDir
    Path dir;

    MockWebServer server;
    ImageServer files;
    TestIso iso;
    byte[] isoBytes;
    Path machine;
    RecordingKexec kexec;

    @BeforeEach
    void start() throws IOException {
        iso = TestIso.build(dir, "marker-live.iso", "WEBBOOT-MARKER-replan");
        isoBytes = Files.readAllBytes(iso.iso);
        files = new ImageServer().publish("/live/marker-live.iso", isoBytes);
        server = new MockWebServer();
        server.setDispatcher(files);
        server.start();
        machine = Files.createDirectories(dir.resolve("machine"));
        int n = 0;
        for (String line : QEMU_PC_4G.split("\n")) {
            String[] f = line.split(" ", 3);
            Path entry = Files.createDirectories(machine.resolve("sys/firmware/memmap/" + n++));
            Files.writeString(entry.resolve("start"), f[0] + "\n");
            Files.writeString(entry.resolve("end"), f[1] + "\n");
            Files.writeString(entry.resolve("type"), f[2] + "\n");
        }
        Files.createDirectories(machine.resolve("proc"));
        // QEMU's -m 4G without memmap=: what Debian's kernel reports.
        Files.writeString(machine.resolve("proc/meminfo"), "MemTotal:        4020224 kB\n");
        Path own = machine.resolve(InitramfsBuilder.OWN_KERNEL.substring(1));
        Files.createDirectories(own.getParent());
        Files.copy(DebianKernel.get().vmlinuz(), own);
        kexec = new RecordingKexec();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private WebBoot webboot() throws IOException {
        return WebBoot.builder()
                .downloader(Downloader.builder()
                        .attemptsPerSource(2)
                        .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
                        .build())
                .kexec(kexec)
                .machineRoot(machine)
                .logEcho(line -> {})
                .build();
    }

    private BootRequest request() {
        return BootRequest.builder(server.url("/live/marker-live.iso").toString())
                .sha256(TestIso.sha256(isoBytes))
                .arguments(
                        List.of(server.url("/live/marker-live.iso").toString(), "--sha256", TestIso.sha256(isoBytes)))
                .logFile(dir.resolve("boot.log"))
                .build();
    }

    @Test
    void withoutAPmemDeviceWebbootPlansAMemmapAndBootsItselfAgain() throws Exception {
        Files.writeString(machine.resolve("proc/cmdline"), "console=ttyS0 panic=-1 quiet\n");
        String url = server.url("/live/marker-live.iso").toString();

        assertThatThrownBy(() -> webboot().boot(request(), BootListener.NONE))
                .isInstanceOf(BootException.class)
                .hasMessage("the kexec into webboot's own kernel returned without booting it");

        assertThat(kexec.executions).isEqualTo(1);
        RecordingKexec.Load load = kexec.loads.get(0);
        assertThat(kexec.loads).hasSize(1);
        // The ISO is far below 128 MiB: one memory section at 4 GiB, the lowest usable RAM there.
        assertThat(load.cmdline())
                .isEqualTo("console=ttyS0 panic=-1 quiet memmap=128M!4G webboot.replanned=1 webboot.boot=" + url
                        + " webboot.args=--sha256+" + TestIso.sha256(isoBytes));
        assertThat(load.kernel())
                .isEqualTo(Files.readAllBytes(DebianKernel.get().vmlinuz()));
        assertThat(load.loaded().header().release()).isEqualTo(DebianKernel.get().release);
        // The initrd is the running root packed again: GNU cpio lists it.
        Path initrd = Files.write(dir.resolve("self.cpio"), load.initrd());
        String cpio = ExternalTools.require("cpio", "cpio").toString();
        List<String> listed = ExternalTools.run(dir, "sh", "-c", cpio + " -it --quiet < " + initrd)
                .stdoutText()
                .lines()
                .toList();
        assertThat(listed).contains("lib/webboot/vmlinuz", "proc/cmdline", "sys/firmware/memmap/6/start");
        // Only the headers were read: the body was refused before a byte of it was kept.
        assertThat(files.requestsFor("/live/marker-live.iso")).hasSize(1);
        assertThat(Files.readString(dir.resolve("boot.log")))
                .contains("replan: there is no pmem device; 128M!4G: 128 MiB of the lowest usable RAM at or"
                        + " above 4 GiB")
                .contains("initrd: " + load.initrd().length + " bytes, the running root " + machine
                        + " packed again (the kernel kept no initrd)");
    }

    @Test
    void theSecondInstanceRefusesToBootItselfAgain() throws Exception {
        Files.writeString(
                machine.resolve("proc/cmdline"),
                "console=ttyS0 memmap=128M!4G webboot.replanned=1 webboot.boot=http://x/y.iso\n");

        assertThatThrownBy(() -> webboot().boot(request(), BootListener.NONE))
                .isInstanceOf(BootException.class)
                .hasMessage("webboot already booted itself again with memmap=128M!4G, but there is no pmem device;"
                        + " boot with --medium file --cache DIR on a disk instead")
                .satisfies(e -> assertThat(((BootException) e).phase()).isEqualTo(BootPhase.RESOLVE));
        assertThat(kexec.loads).isEmpty();
        assertThat(kexec.executions).isZero();
    }

    @Test
    void anOwnKernelOfAnotherReleaseIsRefusedBeforeTheKexec() throws Exception {
        Files.writeString(machine.resolve("proc/cmdline"), "console=ttyS0\n");
        Files.createDirectories(machine.resolve("proc/sys/kernel"));
        Files.writeString(machine.resolve("proc/sys/kernel/osrelease"), "6.1.0-99-amd64\n");

        assertThatThrownBy(() -> webboot().boot(request(), BootListener.NONE))
                .isInstanceOf(BootException.class)
                .hasMessage("there is no pmem device, and webboot cannot boot itself again with memmap=128M!4G:"
                        + " /lib/webboot/vmlinuz is " + DebianKernel.get().release + ", not the running"
                        + " 6.1.0-99-amd64 its modules belong to; boot this machine with memmap=128M!4G");
        assertThat(kexec.loads).isEmpty();
    }

    @Test
    void anImageLargerThanTheRamCanHoldIsRefusedWithOneSentence() throws Exception {
        Files.writeString(machine.resolve("proc/cmdline"), "console=ttyS0\n");
        files.claimSize("/live/marker-live.iso", 3L << 30);

        assertThatThrownBy(() -> webboot().boot(request(), BootListener.NONE))
                .isInstanceOf(BootException.class)
                .hasMessageStartingWith(
                        "there is no pmem device, and this machine's RAM cannot hold the image (a 3" + " GiB RAM disk")
                .hasMessageEndingWith("): boot it with --medium file --cache DIR on a disk");
        assertThat(kexec.loads).isEmpty();
    }
}
