package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.testing.ExternalTools;
import dev.webboot.testing.RuntimeClassPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The medium {@code webboot media build} makes boots webboot under real firmware from Debian's packages (QEMU TCG):
 * as a USB stick under OVMF (UEFI: the GPT's EFI system partition), as a USB stick under SeaBIOS (BIOS: GRUB's MBR),
 * and as a CD under OVMF (the UEFI El Torito image, as a BMC's virtual media presents it). In each, GRUB's default
 * entry starts Debian's kernel with webboot's initramfs from the medium, and /init runs {@code webboot --version}
 * (given by {@code --append}) and powers off.
 */
class MediaQemuTest {
    private static final Path OVMF_CODE = Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd");
    private static final Path OVMF_VARS = Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd");

    @TempDir
    static Path dir;

    static Path medium;
    static String qemu;
    static String version;

    @BeforeAll
    static void buildTheMedium() throws Exception {
        String root = System.getenv("WEBBOOT_TEST_ROOT");
        Path linux = Path.of(root == null ? "." : root, ".cache", "fixtures", "linux");
        assertThat(linux.resolve("vmlinuz"))
                .as("run scripts/fetch-fixtures, which unpacks Debian's kernel")
                .exists();
        ExternalTools.require("busybox", "busybox-static");
        ExternalTools.require("grub-mkrescue", "grub-common");
        ExternalTools.require("mformat", "mtools");
        ExternalTools.require("xorriso", "xorriso");
        qemu = ExternalTools.require("qemu-system-x86_64", "qemu-system-x86").toString();
        assertThat(OVMF_CODE).as("apt-get install ovmf").exists();
        assertThat(OVMF_VARS).as("apt-get install ovmf").exists();
        assertThat(Path.of("/usr/share/seabios/bios-256k.bin"))
                .as("apt-get install seabios")
                .exists();

        Path initramfs = dir.resolve("webboot.img");
        List<String> build = new ArrayList<>(List.of(
                "initramfs",
                "build",
                "-o",
                initramfs.toString(),
                "--kernel-modules",
                linux.resolve("modules").toString(),
                "--module",
                "nd_pmem,nd_e820"));
        for (Path entry : RuntimeClassPath.entries()) {
            build.add("--jar");
            build.add(entry.toString());
        }
        CliRun.Result built = CliRun.webboot(dir, build.toArray(String[]::new));
        assertThat(built.exitCode()).as(built.stderr()).isZero();

        medium = dir.resolve("webboot.iso");
        CliRun.Result made = CliRun.webboot(
                dir,
                "media",
                "build",
                "-o",
                medium.toString(),
                "--kernel",
                linux.resolve("vmlinuz").toString(),
                "--initramfs",
                initramfs.toString(),
                "--append",
                "console=ttyS0 panic=-1 webboot.cmd=--version webboot.then=poweroff",
                "--json");
        assertThat(made.exitCode()).as(made.stderr()).isZero();
        assertThat(made.out()).contains("\"bios\":true,\"uefi\":true");

        CliRun.Result hostVersion = CliRun.webboot(dir, "--version");
        version = hostVersion.out().strip();
        assertThat(version).startsWith("webboot ");
    }

    @Test
    void bootsAsAUsbStickUnderOvmf() throws Exception {
        String serial = boot(
                "ovmf-usb",
                List.of("-machine", "q35"),
                ovmf("ovmf-usb"),
                List.of(
                        "-device",
                        "qemu-xhci,id=xhci",
                        "-drive",
                        "if=none,id=stick,format=raw,snapshot=on,file=" + medium,
                        "-device",
                        "usb-storage,bus=xhci.0,drive=stick,bootindex=0"));
        assertBootedWebboot(serial);
    }

    @Test
    void bootsAsAUsbStickUnderSeabios() throws Exception {
        String serial = boot(
                "seabios-usb",
                List.of("-machine", "pc", "-bios", "/usr/share/seabios/bios-256k.bin"),
                List.of(),
                List.of(
                        "-device",
                        "qemu-xhci,id=xhci",
                        "-drive",
                        "if=none,id=stick,format=raw,snapshot=on,file=" + medium,
                        "-device",
                        "usb-storage,bus=xhci.0,drive=stick,bootindex=0"));
        assertThat(serial).as(serial).contains("SeaBIOS");
        assertBootedWebboot(serial);
    }

    @Test
    void bootsAsACdUnderOvmf() throws Exception {
        String serial = boot(
                "ovmf-cd",
                List.of("-machine", "q35"),
                ovmf("ovmf-cd"),
                List.of(
                        "-drive",
                        "if=none,id=cd,media=cdrom,readonly=on,file=" + medium,
                        "-device",
                        "ide-cd,bus=ide.0,drive=cd,bootindex=0"));
        assertBootedWebboot(serial);
    }

    /** GRUB started the medium's kernel with the default entry, and webboot ran in the initramfs. */
    private static void assertBootedWebboot(String serial) {
        String commandLine = serial.lines()
                .filter(l -> l.contains("webboot-init: command line: "))
                .findFirst()
                .orElse("");
        assertThat(commandLine)
                .as(serial)
                // GRUB's linux command names the image it loaded; the rest is the default entry's parameters.
                .contains("BOOT_IMAGE=/boot/vmlinuz")
                .contains("console=ttyS0 panic=-1 webboot.cmd=--version webboot.then=poweroff")
                .doesNotContain("webboot.boot=");
        assertThat(serial)
                .as(serial)
                .contains("webboot-init: webboot --version exited with status 0")
                .contains("webboot-init: powering off");
        assertThat(serial.lines().map(String::strip)).as(serial).contains(version);
    }

    /** OVMF's code and a copy of its variable store (the firmware writes its boot entries there). */
    private static List<String> ovmf(String name) throws Exception {
        Path vars = dir.resolve(name + "-vars.fd");
        Files.copy(OVMF_VARS, vars, StandardCopyOption.REPLACE_EXISTING);
        return List.of(
                "-drive",
                "if=pflash,format=raw,unit=0,readonly=on,file=" + OVMF_CODE,
                "-drive",
                "if=pflash,format=raw,unit=1,file=" + vars);
    }

    /** Runs QEMU (TCG, 2 GiB, serial on stdout) until the guest powers off; returns the serial console. */
    private static String boot(String name, List<String> machine, List<String> firmware, List<String> medium)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("timeout", "900", qemu, "-accel", "tcg"));
        command.addAll(machine);
        command.addAll(firmware);
        command.addAll(List.of("-m", "2G", "-smp", "1", "-nographic", "-no-reboot", "-net", "none"));
        command.addAll(medium);
        String serial = ExternalTools.runAllowingFailure(dir, command.toArray(String[]::new))
                .stdoutText();
        // Kept for whoever reads a failure.
        Files.writeString(Path.of("target", "media-" + name + ".log"), serial);
        return serial;
    }
}
