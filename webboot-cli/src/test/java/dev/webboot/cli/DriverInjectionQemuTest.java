package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.plan.drivers.LiveIsoFixture;
import dev.webboot.plan.drivers.Mkinitramfs;
import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The injected archive makes a real initramfs-tools initrd see pmem: Debian's kernel boots in QEMU (TCG) with
 * {@code memmap=1G!4G} and an initrd that Debian's {@code mkinitramfs} made without any module, extended by
 * {@code webboot initrd inject} from a live ISO whose squashfs holds Debian's nvdimm modules ({@code .ko.xz}). The
 * initrd's own {@code init-premount} script — run after {@code conf/conf.d}, init-top and udev, right before the root
 * file system would be mounted — says whether {@code /dev/pmem0} exists, then powers off. The same initrd without the
 * archive ({@code --no-inject}) is the control: there {@code /dev/pmem0} must be absent.
 */
class DriverInjectionQemuTest {
    private static final String CHECK = "WEBBOOT-CHECK";

    @TempDir
    static Path dir;

    static Path iso;

    @BeforeAll
    static void buildIso() throws IOException {
        String release = LiveIsoFixture.release();
        // udev may create /dev/pmem0 a moment after nd_pmem binds: wait up to 10 s before answering.
        String premount = "i=0\n"
                + "while [ ! -b /dev/pmem0 ] && [ $i -lt 10 ]; do sleep 1; i=$((i + 1)); done\n"
                + "if [ -b /dev/pmem0 ]; then p=present; else p=absent; fi\n"
                + "echo \"" + CHECK
                + " pmem0=$p modules=$(ls /sys/module | grep -c -E '^(libnvdimm|nd_btt|nd_e820|nd_pmem)$')\"\n"
                + "echo 1 > /proc/sys/kernel/sysrq\n"
                + "echo o > /proc/sysrq-trigger\n"
                + "sleep 30\n";
        Path initrd = Mkinitramfs.build(dir, release, premount);
        iso = LiveIsoFixture.iso(dir, LiveIsoFixture.NVDIMM, "xz", true, initrd);
    }

    /** Uncompressed (4-byte aligned after the zstd initrd) and xz (the kernel's decoder takes CRC32 checks only). */
    @ParameterizedTest
    @ValueSource(strings = {"none", "xz"})
    void injectedModulesGiveTheInitrdDevPmem0(String compression) {
        String serial = boot("injected-" + compression + ".img", "--compress", compression);
        assertThat(serial).as(serial).doesNotContain("Initramfs unpacking failed");
        assertThat(serial).as(serial).contains(CHECK + " pmem0=present modules=4");
    }

    @Test
    void withoutInjectionTheSameInitrdHasNoPmem() {
        String serial = boot("control.img", "--no-inject");
        assertThat(serial).as(serial).contains(CHECK + " pmem0=absent modules=0");
    }

    /** Writes the entry's initrd with {@code webboot initrd inject OPTIONS} and boots it; returns the serial console. */
    private static String boot(String name, String... options) {
        Path initrd = dir.resolve(name);
        String[] args = new String[5 + options.length];
        args[0] = "initrd";
        args[1] = "inject";
        args[2] = iso.toString();
        args[3] = "-o";
        args[4] = initrd.toString();
        System.arraycopy(options, 0, args, 5, options.length);
        CliRun.Result inject = CliRun.webboot(dir, args);
        assertThat(inject.exitCode()).as(inject.stderr()).isZero();
        String qemu =
                ExternalTools.require("qemu-system-x86_64", "qemu-system-x86").toString();
        return ExternalTools.runAllowingFailure(
                        dir,
                        "timeout",
                        "300",
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
                        LiveIsoFixture.debianKernel().toString(),
                        "-initrd",
                        initrd.toString(),
                        "-append",
                        "console=ttyS0 memmap=1G!4G panic=-1 quiet")
                .stdoutText();
    }
}
