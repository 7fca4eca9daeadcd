package dev.webboot.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.plan.drivers.LiveIsoFixture;
import dev.webboot.plan.drivers.MissingDriversException;
import dev.webboot.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Debian live ISO (live-boot layout: squashfs root with the kernel's nvdimm modules, an initrd without them) booted
 * from a local file: the plan says the initrd lacks the pmem drivers, and the flow appends them from the ISO's own root
 * file system; GNU cpio reads the appended archive.
 */
class InjectionFlowTest {
    @TempDir
    Path dir;

    private BootOutcome dryRun(Path iso, boolean inject, RecordingKexec kexec) throws Exception {
        Path machine = Files.createDirectories(dir.resolve("machine/proc"));
        Files.writeString(machine.resolve("cmdline"), "console=ttyS0 memmap=1G!4G\n");
        Path device = dir.resolve("pmem0");
        Files.write(device, new byte[(int) Files.size(iso) + (1 << 20)]);
        WebBoot webboot = WebBoot.builder()
                .kexec(kexec)
                .machineRoot(machine.getParent())
                .logEcho(line -> {})
                .build();
        return webboot.boot(
                BootRequest.builder(iso.toString())
                        .sha256(TestIso.sha256(Files.readAllBytes(iso)))
                        .device(device)
                        .inject(inject)
                        .dryRun(true)
                        .logFile(dir.resolve("boot.log"))
                        .build(),
                BootListener.NONE);
    }

    @Test
    void thePmemDriversTheInitrdLacksAreAppendedFromTheIsosRoot() throws Exception {
        Path initrd = LiveIsoFixture.initrd(Files.createDirectories(dir.resolve("initrd")));
        Path iso = LiveIsoFixture.iso(
                Files.createDirectories(dir.resolve("iso")), LiveIsoFixture.NVDIMM, "xz", true, initrd);
        byte[] original = Files.readAllBytes(initrd);

        RecordingKexec kexec = new RecordingKexec();
        BootOutcome outcome = dryRun(iso, true, kexec);
        assertThat(outcome.plan().family()).isEqualTo("live-boot");
        assertThat(outcome.entry().patch()).isPresent();
        assertThat(outcome.injectedModules()).containsAll(LiveIsoFixture.NVDIMM);
        byte[] handed = kexec.loads.get(0).initrd();
        assertThat(outcome.initrdBytes()).isEqualTo(handed.length);
        assertThat(Arrays.copyOf(handed, original.length)).isEqualTo(original);
        int start = (original.length + 3) & ~3;
        Path appended = Files.write(dir.resolve("appended.cpio"), Arrays.copyOfRange(handed, start, handed.length));
        String listing = ExternalTools.run(
                        dir, "sh", "-c", ExternalTools.require("cpio", "cpio") + " -it --quiet < " + appended)
                .stdoutText();
        for (String module : LiveIsoFixture.NVDIMM) {
            assertThat(listing).contains(module + ".ko");
        }
        assertThat(Files.readString(dir.resolve("boot.log"))).contains("injected ");

        RecordingKexec plain = new RecordingKexec();
        BootOutcome without = dryRun(iso, false, plain);
        assertThat(without.injectedModules()).isEmpty();
        assertThat(plain.loads.get(0).initrd()).isEqualTo(original);
    }

    @Test
    void anIsoWithoutTheDriversFailsInTheInitrdPhaseWithOneSentence() throws Exception {
        Path initrd = LiveIsoFixture.initrd(Files.createDirectories(dir.resolve("initrd")));
        Path iso = LiveIsoFixture.iso(Files.createDirectories(dir.resolve("iso")), List.of(), "none", false, initrd);
        RecordingKexec kexec = new RecordingKexec();
        assertThatThrownBy(() -> dryRun(iso, true, kexec))
                .isInstanceOfSatisfying(BootException.class, e -> {
                    assertThat(e.phase()).isEqualTo(BootPhase.INITRD);
                    assertThat(e.getCause()).isInstanceOf(MissingDriversException.class);
                })
                .hasMessageContaining("nd_pmem");
        assertThat(kexec.loads).isEmpty();
    }
}
