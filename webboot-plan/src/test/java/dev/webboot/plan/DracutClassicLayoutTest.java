package dev.webboot.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.DriverPatch;
import dev.webboot.api.plan.InitramfsFamily;
import dev.webboot.iso.ImageFileSystem;
import dev.webboot.iso.ImageSource;
import dev.webboot.iso.Images;
import dev.webboot.iso.ext4.Ext4FileSystem;
import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fedora's classic live layout, built by the real tools: an ISO (xorriso) whose {@code LiveOS/squashfs.img}
 * (mksquashfs) holds {@code LiveOS/rootfs.img} (mkfs.ext4 -d) with the kernel's modules directory. The planner reads
 * {@code modules.builtin} through both images in place, so the patch names exactly the drivers not built in.
 */
class DracutClassicLayoutTest {
    private static final String VERSION = "6.11.4-301.fc41.x86_64";

    @TempDir
    static Path work;

    static Path iso;

    @BeforeAll
    static void buildIso() throws IOException {
        Path rootTree = work.resolve("root");
        Path modules = rootTree.resolve("usr/lib/modules/" + VERSION);
        Files.createDirectories(modules.resolve("kernel/drivers/nvdimm"));
        Files.writeString(
                modules.resolve("modules.builtin"),
                "kernel/fs/ext4/ext4.ko\nkernel/drivers/nvdimm/libnvdimm.ko\nkernel/drivers/nvdimm/nd_e820.ko\n");
        Files.writeString(modules.resolve("kernel/drivers/nvdimm/nd_pmem.ko.xz"), "module");
        Files.writeString(modules.resolve("kernel/drivers/nvdimm/nd_btt.ko.xz"), "module");
        Files.createSymbolicLink(rootTree.resolve("lib"), Path.of("usr/lib"));
        Files.createDirectories(rootTree.resolve("etc"));
        Files.writeString(rootTree.resolve("etc/os-release"), "ID=fedora\nVERSION_ID=41\n");
        Path squashTree = work.resolve("squash");
        Files.createDirectories(squashTree.resolve("LiveOS"));
        ExternalTools.run(
                work,
                ExternalTools.require("mkfs.ext4", "e2fsprogs").toString(),
                "-q",
                "-F",
                "-L",
                "Anaconda",
                "-d",
                rootTree.toString(),
                squashTree.resolve("LiveOS/rootfs.img").toString(),
                "24M");
        Path squashfs = work.resolve("squashfs.img");
        ExternalTools.run(
                work,
                ExternalTools.require("mksquashfs", "squashfs-tools").toString(),
                squashTree.toString(),
                squashfs.toString(),
                "-noappend",
                "-quiet",
                "-no-progress");
        String grub = "menuentry 'Start Fedora-Workstation-Live 41' {\n"
                + "\tlinux /images/pxeboot/vmlinuz root=live:CDLABEL=Fedora-WS-Live-41-1-4 rd.live.image quiet\n"
                + "\tinitrd /images/pxeboot/initrd.img\n}\n";
        iso = new FixtureIso("Fedora-WS-Live-41-1-4", "2024102411000000")
                .kernel("/images/pxeboot/vmlinuz", VERSION)
                .file("/images/pxeboot/initrd.img", "initrd")
                .file("/LiveOS/squashfs.img", Files.readAllBytes(squashfs))
                .file("/EFI/BOOT/grub.cfg", grub)
                .file("/boot/grub2/grub.cfg", grub)
                .build(work.resolve("iso"));
    }

    @Test
    void patchListsExactlyTheDriversModulesBuiltinLacks() throws IOException {
        try (ImageFileSystem fs = Images.openFileSystem(iso.toString())) {
            BootImage image = new BootImage(fs.getPath("/"), "Fedora-WS-Live-41-1-4", "2024-10-24-11-00-00-00");
            BootPlanner planner = BootPlanner.standard().withRunningCommandLine(() -> "quiet");
            BootEntry entry = planner.plan(image, BootMedium.pmem()).entries().get(0);
            assertThat(entry.patch())
                    .contains(new DriverPatch(List.of("nd_btt", "nd_pmem"), VERSION, InitramfsFamily.DRACUT));
            // As a file on a disk the ISO needs no pmem driver.
            BootEntry onFile = planner.plan(image, new BootMedium.IsoFile("/live.iso", "U"))
                    .entries()
                    .get(0);
            assertThat(onFile.patch()).isEmpty();
        }
    }

    @Test
    void rootFileSystemIsTheExt4ImageInsideTheSquashfs() throws IOException {
        try (ImageFileSystem fs = Images.openFileSystem(iso.toString());
                LiveRootFileSystem root = LiveRootFileSystem.open(fs.getPath("/LiveOS/squashfs.img"))) {
            assertThat(root.isEmbedded()).isTrue();
            assertThat(root.name()).endsWith("!/LiveOS/squashfs.img!/LiveOS/rootfs.img");
            assertThat(root.root().getFileSystem()).isInstanceOf(Ext4FileSystem.class);
            assertThat(Files.readString(root.root().resolve("lib/modules/" + VERSION + "/modules.builtin")))
                    .contains("nd_e820.ko");
        }
    }

    @Test
    void imagesOpensTheExt4ImageNestedInPlace() throws IOException {
        String name = iso + "!/LiveOS/squashfs.img!/LiveOS/rootfs.img";
        try (ImageFileSystem fs = Images.openFileSystem(name)) {
            assertThat(fs).isInstanceOf(Ext4FileSystem.class);
            assertThat(((Ext4FileSystem) fs).info().volumeName()).isEqualTo("Anaconda");
            assertThat(Files.readString(fs.getPath("/etc/os-release"))).contains("ID=fedora");
            assertThat(Files.readSymbolicLink(fs.getPath("/lib")).toString()).isEqualTo("usr/lib");
        }
        try (ImageSource source = Images.open(name)) {
            assertThat(source.size()).isEqualTo(24L << 20);
        }
    }
}
