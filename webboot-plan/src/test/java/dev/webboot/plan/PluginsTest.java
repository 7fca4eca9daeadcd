package dev.webboot.plan;

import static dev.webboot.plan.ImageTrees.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.BootPlan;
import dev.webboot.api.plan.DistroPlugin;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin details the family fixtures do not reach: Tails, SystemRescue, ordering, kernels without a version. */
class PluginsTest {
    @TempDir
    Path root;

    private final BootPlanner planner = BootPlanner.standard().withRunningCommandLine(() -> "quiet");

    @Test
    void builtInsAreFoundAndGenericComesLast() {
        List<String> families =
                planner.plugins().stream().map(DistroPlugin::family).toList();
        assertThat(families)
                .containsExactlyInAnyOrder(
                        "casper", "live-boot", "archiso", "miso", "dracut", "kiwi", "tinycore", "nixos", "generic");
        assertThat(families.get(0)).isEqualTo("kiwi");
        assertThat(families.get(families.size() - 1)).isEqualTo("generic");
    }

    @Test
    void tailsRemovableMediaIsDroppedForBothMedia() throws IOException {
        write(root, "/live/vmlinuz", ImageTrees.kernel("6.1.0-28-amd64"));
        write(root, "/live/initrd.img", "i");
        write(root, "/live/filesystem.squashfs", "sq");
        write(
                root,
                "/EFI/BOOT/grub.cfg",
                "menuentry 'Tails' {\n linux /live/vmlinuz initrd=/live/initrd.img boot=live config"
                        + " live-media=removable nopersistence noprompt timezone=Etc/UTC splash\n"
                        + " initrd /live/initrd.img\n}\n");
        BootImage image = new BootImage(root, "TAILS 6.10 - 20241203", "2024-12-03-00-00-00-00");
        BootPlan pmem = planner.plan(image, BootMedium.pmem());
        assertThat(pmem.entries().get(0).cmdline())
                .isEqualTo("initrd=/live/initrd.img boot=live config nopersistence noprompt timezone=Etc/UTC splash"
                        + " live-media=/dev/pmem0");
        assertThat(pmem.entries().get(0).patch().orElseThrow().kernelVersion()).isEqualTo("6.1.0-28-amd64");
        assertThat(planner.plan(image, new BootMedium.IsoFile("/tails.iso", "U"))
                        .entries()
                        .get(0)
                        .cmdline())
                .endsWith("splash findiso=/tails.iso")
                .doesNotContain("removable");
    }

    @Test
    void systemRescueKeepsItsBaseDirectory() throws IOException {
        write(root, "/sysresccd/boot/x86_64/vmlinuz", ImageTrees.kernel("6.6.47-1-lts"));
        write(root, "/sysresccd/boot/x86_64/sysresccd.img", "i");
        write(root, "/sysresccd/boot/intel_ucode.img", "u");
        write(
                root,
                "/boot/grub/grubsrcd.cfg",
                "menuentry \"Boot SystemRescue using default options\" {\n"
                        + "  set gfxpayload=keep\n"
                        + "  linux /sysresccd/boot/x86_64/vmlinuz archisobasedir=sysresccd archisolabel=RESCUE1103"
                        + " iomem=relaxed\n"
                        + "  initrd /sysresccd/boot/intel_ucode.img /sysresccd/boot/x86_64/sysresccd.img\n}\n");
        write(
                root,
                "/boot/grub/grub.cfg",
                "set default=0\nsource ${prefix}/grubsrcd.cfg\n"
                        + "if [ -z \"$prefix\" ]; then source /boot/grub/grubsrcd.cfg; fi\n");
        BootImage image = new BootImage(root, "RESCUE1103", "2024-08-25-10-00-00-00");
        assertThat(planner.plan(image, BootMedium.pmem()).entries())
                .containsExactly(BootEntry.of(
                                "Boot SystemRescue using default options",
                                "/sysresccd/boot/x86_64/vmlinuz",
                                List.of("/sysresccd/boot/intel_ucode.img", "/sysresccd/boot/x86_64/sysresccd.img"),
                                "archisobasedir=sysresccd iomem=relaxed archisodevice=/dev/pmem0 copytoram=n",
                                true)
                        // "i" is no initrd webboot can read, so nothing shows the drivers are there already.
                        .withPatch(java.util.Optional.of(new dev.webboot.api.plan.DriverPatch(
                                dev.webboot.api.plan.DriverPatch.PMEM_MODULES,
                                "6.6.47-1-lts",
                                dev.webboot.api.plan.InitramfsFamily.MKINITCPIO))));
        assertThat(planner.plan(image, new BootMedium.IsoFile("/srcd.iso", "AB-CD"))
                        .entries()
                        .get(0)
                        .cmdline())
                .isEqualTo("archisobasedir=sysresccd iomem=relaxed img_dev=UUID=AB-CD img_loop=/srcd.iso");
    }

    /** A root file system made by mksquashfs whose kernel has {@code builtin} built in. */
    private byte[] rootFilesystem(String version, String... builtin) throws IOException {
        Path tree = root.resolve("rootfs");
        StringBuilder list = new StringBuilder("kernel/fs/isofs/isofs.ko\n");
        for (String module : builtin) {
            list.append("kernel/drivers/nvdimm/").append(module).append(".ko\n");
        }
        write(tree, "/lib/modules/" + version + "/modules.builtin", list.toString());
        write(tree, "/lib/modules/" + version + "/kernel/drivers/nvdimm/nd_pmem.ko.xz", "module");
        write(tree, "/etc/os-release", "ID=debian\n");
        Path squashfs = root.resolve("rootfs-" + builtin.length + ".squashfs");
        dev.webboot.testing.ExternalTools.run(
                root,
                dev.webboot.testing.ExternalTools.require("mksquashfs", "squashfs-tools")
                        .toString(),
                tree.toString(),
                squashfs.toString(),
                "-noappend",
                "-quiet",
                "-no-progress");
        return java.nio.file.Files.readAllBytes(squashfs);
    }

    @Test
    void builtInDriversAreLeftOutOfThePatchAsModulesBuiltinSays() throws IOException {
        String grub = "menuentry live { linux /live/vmlinuz boot=live; initrd /live/initrd.img }\n";
        for (String[] builtin : List.of(
                new String[] {"libnvdimm", "nd_e820"}, new String[] {"libnvdimm", "nd_btt", "nd_e820", "nd_pmem"})) {
            Path work = java.nio.file.Files.createTempDirectory(root, "iso");
            try (FixtureIso.Built built = new FixtureIso("d-live 12.7.0 gn amd64", "2024083112000000")
                    .kernel("/live/vmlinuz", "6.1.0-25-amd64")
                    .file("/live/initrd.img", "initrd")
                    .file("/live/filesystem.squashfs", rootFilesystem("6.1.0-25-amd64", builtin))
                    .file("/boot/grub/grub.cfg", grub)
                    .buildAndOpen(work)) {
                BootEntry entry =
                        planner.plan(built.iso(), BootMedium.pmem()).entries().get(0);
                if (builtin.length == 4) {
                    assertThat(entry.patch()).isEmpty();
                } else {
                    assertThat(entry.patch())
                            .contains(new dev.webboot.api.plan.DriverPatch(
                                    List.of("nd_btt", "nd_pmem"),
                                    "6.1.0-25-amd64",
                                    dev.webboot.api.plan.InitramfsFamily.INITRAMFS_TOOLS));
                }
            }
        }
    }

    @Test
    void everyMemmapOfTheRunningKernelIsCarriedInOrder() throws IOException {
        assertThat(BootPlanner.memmaps("BOOT_IMAGE=/k memmap=1G!4G quiet memmapx=1 memmap=64M$0x10000000 -- x"))
                .containsExactly("memmap=1G!4G", "memmap=64M$0x10000000");
        write(root, "/k", ImageTrees.kernel("6.1.0"));
        write(root, "/boot/grub/grub.cfg", "menuentry t { linux /k memmap=2G!8G quiet -- single }\n");
        BootPlan plan = BootPlanner.standard()
                .withRunningCommandLine(() -> "memmap=1G!4G memmap=64M$0x10000000")
                .plan(new BootImage(root, "X", ""), BootMedium.pmem());
        assertThat(plan.entries().get(0).cmdline()).isEqualTo("quiet memmap=1G!4G memmap=64M$0x10000000 -- single");
    }

    @Test
    void noLinuxEntryIsATypedFailure() {
        write(root, "/boot/grub/grub.cfg", "menuentry shell { chainloader /shell.efi }\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> planner.plan(new BootImage(root, "X", ""), BootMedium.pmem()))
                .isInstanceOf(NoBootEntryException.class);
    }
}
