package dev.webboot.iso.boot;

import static dev.webboot.iso.boot.TestImages.write;
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
        write(root, "/live/vmlinuz", TestImages.kernel("6.1.0-28-amd64"));
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
        write(root, "/sysresccd/boot/x86_64/vmlinuz", "k");
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
                        "archisobasedir=sysresccd iomem=relaxed archisodevice=/dev/pmem0",
                        true));
        assertThat(planner.plan(image, new BootMedium.IsoFile("/srcd.iso", "AB-CD"))
                        .entries()
                        .get(0)
                        .cmdline())
                .isEqualTo("archisobasedir=sysresccd iomem=relaxed img_dev=UUID=AB-CD img_loop=/srcd.iso");
    }

    @Test
    void noLinuxEntryIsATypedFailure() {
        write(root, "/boot/grub/grub.cfg", "menuentry shell { chainloader /shell.efi }\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> planner.plan(new BootImage(root, "X", ""), BootMedium.pmem()))
                .isInstanceOf(NoBootEntryException.class);
    }
}
