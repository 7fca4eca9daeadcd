package dev.webboot.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.BootPlan;
import dev.webboot.api.plan.DriverPatch;
import dev.webboot.api.plan.InitramfsFamily;
import dev.webboot.iso.iso9660.Iso9660FileSystem;
import dev.webboot.plan.BootPlanner;
import dev.webboot.testing.IsoBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example plugin found by ServiceLoader and planning a Gentoo-style ISO built by xorriso. */
class GentooPluginTest {
    @TempDir
    Path dir;

    private static final String GRUB =
            """
            search --no-floppy --set=root -l 'ISOIMAGE'
            insmod all_video
            set default=0
            set gfxpayload=keep
            set timeout=10
            menuentry 'Boot LiveCD (kernel: gentoo)' --class gnu-linux --class os {
            	linux /boot/gentoo root=live:CDLABEL=ISOIMAGE rd.live.dir=/ rd.live.squashimg=image.squashfs cdroot
            	initrd /boot/gentoo.igz
            }
            menuentry 'Boot LiveCD (kernel: gentoo) (cached)' --class gnu-linux --class os {
            	linux /boot/gentoo root=live:CDLABEL=ISOIMAGE rd.live.dir=/ rd.live.squashimg=image.squashfs cdroot docache
            	initrd /boot/gentoo.igz
            }
            """;

    @Test
    void serviceLoaderFindsItAndItPlansBothMedia() throws IOException {
        BootPlanner planner = BootPlanner.standard().withRunningCommandLine(() -> "memmap=4G!8G quiet");
        assertThat(planner.plugins()).first().extracting(p -> p.family()).isEqualTo("gentoo");

        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("boot/grub"));
        Files.write(tree.resolve("boot/gentoo"), dev.webboot.testing.KernelImages.bzImage("6.6.52-gentoo-dist"));
        Files.writeString(tree.resolve("boot/gentoo.igz"), "initramfs");
        Files.writeString(tree.resolve("image.squashfs"), "squashfs");
        Files.writeString(tree.resolve("boot/grub/grub.cfg"), GRUB);
        Path iso = dir.resolve("gentoo.iso");
        IsoBuilder.of(dir.resolve("tree")).label("ISOIMAGE").build(iso);

        try (Iso9660FileSystem fs = Iso9660FileSystem.open(iso)) {
            BootImage image = new BootImage(
                    fs.getPath("/"), fs.volume().label(), fs.volume().uuid());
            Optional<DriverPatch> patch =
                    Optional.of(new DriverPatch(DriverPatch.PMEM_MODULES, "", InitramfsFamily.DRACUT));
            String args = "root=live:CDLABEL=ISOIMAGE rd.live.dir=/ rd.live.squashimg=image.squashfs cdroot";
            List<String> initrd = List.of("/boot/gentoo.igz");
            BootPlan plan = planner.plan(image, BootMedium.pmem());
            assertThat(plan.configuration()).isEqualTo("/boot/grub/grub.cfg");
            assertThat(new BootPlan(plan.family(), plan.label(), plan.entries()))
                    .isEqualTo(new BootPlan(
                            "gentoo",
                            "ISOIMAGE",
                            List.of(
                                    new BootEntry(
                                            "Boot LiveCD (kernel: gentoo)",
                                            "/boot/gentoo",
                                            initrd,
                                            args + " memmap=4G!8G",
                                            true,
                                            patch),
                                    new BootEntry(
                                            "Boot LiveCD (kernel: gentoo) (cached)",
                                            "/boot/gentoo",
                                            initrd,
                                            args + " docache memmap=4G!8G",
                                            false,
                                            patch))));
            assertThat(planner.plan(image, new BootMedium.IsoFile("/gentoo.iso", "AB12-CD34"))
                            .entries()
                            .get(0)
                            .cmdline())
                    .isEqualTo(args + " iso-scan/filename=/gentoo.iso memmap=4G!8G");
        }
    }
}
