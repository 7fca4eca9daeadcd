package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.api.catalog.CatalogEntry;
import dev.webboot.fetch.Catalogs;
import dev.webboot.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code webboot media build}: the image grub-mkrescue makes, read back with xorriso's El Torito report (a BIOS and a
 * UEFI boot image, GRUB's MBR and a GPT), mtools on the EFI image ({@code EFI/BOOT/BOOTX64.EFI}), and the files
 * xorriso extracts (grub.cfg's entries, the kernel and initramfs as given); {@code --ipxe}'s three files; the
 * refusals of a wrong {@code --boot} and of {@code --secure-boot}.
 */
class MediaBuildTest {
    @TempDir
    Path dir;

    Path kernel;
    Path initramfs;
    String xorriso;

    @BeforeEach
    void inputs() throws Exception {
        String root = System.getenv("WEBBOOT_TEST_ROOT");
        kernel = Path.of(root == null ? "." : root, ".cache", "fixtures", "linux", "vmlinuz");
        assertThat(kernel)
                .as("run scripts/fetch-fixtures, which unpacks Debian's kernel")
                .exists();
        ExternalTools.require("grub-mkrescue", "grub-common");
        ExternalTools.require("mformat", "mtools");
        assertThat(Path.of("/usr/lib/grub/i386-pc/cdboot.img"))
                .as("apt-get install grub-pc-bin")
                .exists();
        assertThat(Path.of("/usr/lib/grub/x86_64-efi/linux.mod"))
                .as("apt-get install grub-efi-amd64-bin")
                .exists();
        xorriso = ExternalTools.require("xorriso", "xorriso").toString();
        // An initramfs made by GNU cpio: the medium carries it as given.
        String cpio = ExternalTools.require("cpio", "cpio").toString();
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("init"), "#!/bin/sh\necho test initramfs\n");
        initramfs = dir.resolve("test-initramfs.img");
        ExternalTools.run(tree, "sh", "-c", "echo init | " + cpio + " -o -H newc --quiet > " + initramfs);
    }

    @Test
    void buildsAHybridImageForBiosAndUefiWithTheMenu() throws Exception {
        Path image = dir.resolve("webboot.iso");
        CliRun.Result build = CliRun.webboot(
                dir,
                "media",
                "build",
                "-o",
                image.toString(),
                "--kernel",
                kernel.toString(),
                "--initramfs",
                initramfs.toString(),
                "--append",
                "console=ttyS0,115200 webboot.args=--insecure",
                "--boot",
                "debian-live",
                "--json");
        assertThat(build.exitCode()).as(build.stderr()).isZero();
        List<CatalogEntry> catalog = Catalogs.builtIn().entries();
        String json = build.out().strip();
        assertThat(json)
                .startsWith("{\"output\":\"" + image + "\",\"size\":" + Files.size(image) + ",")
                .contains("\"bios\":true,\"uefi\":true,\"secureBoot\":false,\"entries\":[")
                .contains("{\"title\":\"webboot\",\"args\":\"quiet console=ttyS0,115200 webboot.args=--insecure\","
                        + "\"default\":false}")
                .contains("\"args\":\"quiet webboot.boot=debian-live console=ttyS0,115200 webboot.args=--insecure\","
                        + "\"default\":true}")
                .contains("\"args\":\"quiet webboot.cmd=list webboot.then=shell console=ttyS0,115200"
                        + " webboot.args=--insecure\",\"default\":false}")
                .doesNotContain("memmap=");
        assertThat(json.split("\"title\":", -1)).hasSize(catalog.size() + 2 + 1);

        // xorriso's El Torito report: BIOS and UEFI boot images, GRUB's MBR and a GPT for a disk.
        ExternalTools.Result plain =
                ExternalTools.run(dir, xorriso, "-indev", image.toString(), "-report_el_torito", "plain");
        String report = plain.stdoutText() + plain.stderr();
        assertThat(report)
                .containsPattern("El Torito boot img :\\s+1\\s+BIOS\\s+y\\s+none")
                .containsPattern("El Torito boot img :\\s+2\\s+UEFI\\s+y\\s+none")
                .containsPattern("El Torito img path :\\s+1\\s+/boot/grub/i386-pc/eltorito.img")
                .containsPattern("El Torito img path :\\s+2\\s+/efi.img")
                .containsPattern("Boot record\\s+: El Torito , MBR .*grub2-mbr.* GPT")
                .contains("Volume id    : 'WEBBOOT'");
        String mkisofs = ExternalTools.run(dir, xorriso, "-indev", image.toString(), "-report_el_torito", "as_mkisofs")
                .stdoutText();
        assertThat(mkisofs)
                .contains("--grub2-mbr")
                .contains("-b '/boot/grub/i386-pc/eltorito.img'")
                .contains("-e '/efi.img'")
                .contains("-efi-boot-part --efi-boot-image");

        // The files, as xorriso extracts them.
        Path out = dir.resolve("extracted");
        ExternalTools.run(dir, xorriso, "-osirrox", "on", "-indev", image.toString(), "-extract", "/", out.toString());
        assertThat(Files.mismatch(out.resolve("boot/vmlinuz"), kernel)).isEqualTo(-1);
        assertThat(Files.mismatch(out.resolve("boot/webboot.img"), initramfs)).isEqualTo(-1);
        String mdir = ExternalTools.require("mdir", "mtools").toString();
        ExternalTools.Result efi = ExternalTools.runAllowingFailure(
                dir, mdir, "-i", out.resolve("efi.img").toString(), "-b", "::/EFI/BOOT/BOOTX64.EFI");
        assertThat(efi.exitCode()).as(efi.stderr()).isZero();
        assertThat(efi.stdoutText().strip()).isEqualToIgnoringCase("::/EFI/BOOT/BOOTX64.EFI");

        String cfg = Files.readString(out.resolve("boot/grub/grub.cfg"));
        assertThat(cfg).doesNotContain("memmap").contains("set default=boot-debian-live\n");
        List<String> linux = cfg.lines()
                .map(String::strip)
                .filter(l -> l.startsWith("linux "))
                .toList();
        assertThat(linux).hasSize(catalog.size() + 2).allSatisfy(l -> assertThat(l)
                .startsWith("linux /boot/vmlinuz quiet ")
                .endsWith(" console=ttyS0,115200 webboot.args=--insecure"));
        assertThat(cfg.lines().filter(l -> l.strip().equals("initrd /boot/webboot.img")))
                .hasSize(catalog.size() + 2);
        assertThat(cfg).contains("menuentry webboot --id webboot {\n    linux /boot/vmlinuz quiet console=ttyS0");
        for (CatalogEntry entry : catalog) {
            assertThat(cfg)
                    .contains("menuentry 'webboot: boot " + entry.name() + " " + entry.version() + " unattended' --id"
                            + " boot-" + entry.id() + " {\n    linux /boot/vmlinuz quiet webboot.boot=" + entry.id()
                            + " console=");
        }
        assertThat(cfg).contains("linux /boot/vmlinuz quiet webboot.cmd=list webboot.then=shell console=");
    }

    @Test
    void writesTheKernelTheInitramfsAndAnIpxeScript() throws Exception {
        Path ipxe = dir.resolve("ipxe");
        CliRun.Result build = CliRun.webboot(
                dir,
                "media",
                "build",
                "--ipxe",
                ipxe.toString(),
                "--kernel",
                kernel.toString(),
                "--initramfs",
                initramfs.toString(),
                "--append",
                "console=ttyS0",
                "--boot",
                "archlinux",
                "--json");
        assertThat(build.exitCode()).as(build.stderr()).isZero();
        assertThat(Files.mismatch(ipxe.resolve("vmlinuz"), kernel)).isEqualTo(-1);
        assertThat(Files.mismatch(ipxe.resolve("webboot.img"), initramfs)).isEqualTo(-1);
        assertThat(Files.readString(ipxe.resolve("webboot.ipxe")).lines().filter(l -> !l.startsWith("# ")))
                .containsExactly(
                        "#!ipxe",
                        "kernel vmlinuz initrd=webboot.img quiet webboot.boot=archlinux console=ttyS0",
                        "initrd webboot.img",
                        "boot");
        long size = Files.size(ipxe.resolve("vmlinuz"))
                + Files.size(ipxe.resolve("webboot.img"))
                + Files.size(ipxe.resolve("webboot.ipxe"));
        assertThat(build.out().strip())
                .startsWith("{\"output\":\"" + ipxe + "\",\"size\":" + size + ",")
                .contains("\"files\":[\"" + ipxe.resolve("vmlinuz") + "\",\"" + ipxe.resolve("webboot.img") + "\",\""
                        + ipxe.resolve("webboot.ipxe") + "\"]")
                .contains("\"entries\":[{\"title\":\"webboot: boot Arch Linux")
                .doesNotContain("memmap=");
        try (var files = Files.list(ipxe)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("vmlinuz", "webboot.img", "webboot.ipxe");
        }
    }

    @Test
    void refusesAnUnknownDistributionAndSecureBootWithOneSentence() throws Exception {
        Path image = dir.resolve("webboot.iso");
        CliRun.Result unknown = CliRun.webboot(
                dir,
                "media",
                "build",
                "-o",
                image.toString(),
                "--kernel",
                kernel.toString(),
                "--initramfs",
                initramfs.toString(),
                "--boot",
                "nosuchdistro",
                "--json");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stderr().strip())
                .isEqualTo("webboot: --boot nosuchdistro: no such distribution in the catalog (webboot list names"
                        + " them)");
        assertThat(unknown.out().strip())
                .isEqualTo("{\"error\":\"--boot nosuchdistro: no such distribution in the catalog (webboot list"
                        + " names them)\",\"phase\":null}");
        CliRun.Result secure = CliRun.webboot(
                dir,
                "media",
                "build",
                "-o",
                image.toString(),
                "--kernel",
                kernel.toString(),
                "--initramfs",
                initramfs.toString(),
                "--secure-boot");
        assertThat(secure.exitCode()).isEqualTo(1);
        assertThat(secure.stderr().lines()).hasSize(1).allMatch(l -> l.startsWith("webboot: --secure-boot is not"));
        assertThat(image).doesNotExist();
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial"));
        }
    }
}
