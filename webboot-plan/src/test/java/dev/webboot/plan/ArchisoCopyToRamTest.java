package dev.webboot.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.testing.DistroSources;
import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command lines planned for an Arch ISO, read by archiso's own code: mkinitcpio v41's {@code parse_cmdline} and
 * {@code getarg} ({@code init_functions}) and the {@code copytoram} line of mkinitcpio-archiso v73's {@code
 * hooks/archiso}, run by busybox sh (mkinitcpio's shell) from the unmodified tarballs.
 */
class ArchisoCopyToRamTest {
    private static final String COPY_TITLE = "Arch Linux install medium, copied to RAM (x86_64, UEFI)";

    @TempDir
    Path work;

    private FixtureIso.Built built;

    @AfterEach
    void close() throws IOException {
        if (built != null) {
            built.close();
        }
    }

    /** What archiso's hook sets {@code copytoram} to on this command line (mkinitcpio's /tmp/cmdline, here a file). */
    private String archisoCopyToRam(String cmdline) throws IOException {
        Path busybox = ExternalTools.require("busybox", "busybox-static");
        Path mkinitcpio = DistroSources.unpack("mkinitcpio-41", work);
        Path archiso = DistroSources.unpack("mkinitcpio-archiso-73", work);
        String line = Files.readAllLines(archiso.resolve("hooks/archiso")).stream()
                .map(String::strip)
                .filter(l -> l.startsWith("copytoram=\"$(getarg 'copytoram'"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("hooks/archiso has no copytoram=\"$(getarg 'copytoram' line"));
        Path cache = work.resolve("cmdline");
        Files.deleteIfExists(cache);
        Path proc = Files.writeString(work.resolve("proc-cmdline"), cmdline + "\n");
        // getarg's third argument is the cache, /tmp/cmdline by default; the hook's own line is run as written,
        // through a getarg that names this test's cache.
        String script = ". " + mkinitcpio.resolve("init_functions") + "\n"
                + "parse_cmdline true " + cache + " < " + proc + "\n"
                + "getarg_cached() { getarg \"$1\" \"$2\" " + cache + "; }\n"
                + line.replace("$(getarg ", "$(getarg_cached ") + "\n"
                + "printf '%s' \"$copytoram\"\n";
        return ExternalTools.run(work, busybox.toString(), "sh", "-c", script).stdoutText();
    }

    @Test
    void archisoKeepsTheRootOnPmemUnlessTheEntryAsksForCopytoram() throws IOException {
        String grub = FamilyPlansTest.ARCH_GRUB.replace(
                "if [ \"${grub_platform}\" == \"efi\" ]; then",
                "menuentry \"" + COPY_TITLE + "\" --id 'archlinux-copytoram' {\n"
                        + "    linux /arch/boot/x86_64/vmlinuz-linux archisobasedir=arch"
                        + " archisosearchuuid=${ARCHISO_UUID} copytoram\n"
                        + "    initrd /arch/boot/x86_64/initramfs-linux.img\n}\n\n"
                        + "if [ \"${grub_platform}\" == \"efi\" ]; then");
        built = FamilyPlansTest.archIso().file("/boot/grub/grub.cfg", grub).buildAndOpen(work);
        BootImage image = built.iso();
        BootPlanner planner = BootPlanner.standard().withRunningCommandLine(() -> "console=ttyS0 memmap=1G!4G");
        List<BootEntry> entries = planner.plan(image, BootMedium.pmem()).entries();
        assertThat(entries).extracting(BootEntry::title).hasSize(3).contains(COPY_TITLE);

        // As the menu wrote it, archiso's default is "auto", which copies airootfs.sfs into RAM on any device but
        // /dev/sr*: on /dev/pmem0 the root would be held in RAM twice.
        assertThat(archisoCopyToRam("archisobasedir=arch archisosearchuuid=2024-10-01-08-30-00-00"))
                .isEqualTo("auto");
        for (BootEntry entry : entries) {
            String expected = entry.title().equals(COPY_TITLE) ? "y" : "n";
            assertThat(archisoCopyToRam(entry.cmdline())).as(entry.cmdline()).isEqualTo(expected);
        }
        // As a file on a disk, archiso decides as it would on a USB stick: nothing is added.
        for (BootEntry entry : planner.plan(image, new BootMedium.IsoFile("/isos/arch.iso", "AB-CD"))
                .entries()) {
            assertThat(entry.parsedCmdline().has("copytoram"))
                    .as(entry.cmdline())
                    .isEqualTo(entry.title().startsWith("Arch Linux install medium, copied"));
        }
    }

    @Test
    void theEntrysOwnCopytoramIsReadAsArchisoReadsIt() throws IOException {
        // A bare copytoram (or an empty value) is "y" to mkinitcpio's parse_cmdline, and getarg takes the last one,
        // past a "--" too: the planner keeps exactly the entries archiso would copy, and says n for the others.
        List<String> asks =
                List.of("copytoram", "copytoram=", "copytoram=n copytoram", "copytoram=\"y\"", "a -- copytoram");
        List<String> others = List.of("quiet", "copytoram=auto", "copytoram=y copytoram=n", "copytoram=no");
        Path root = Files.createDirectories(work.resolve("tree"));
        ImageTrees.write(root, "/arch/boot/x86_64/vmlinuz-linux", ImageTrees.kernel("6.11.1-arch1-1"));
        ImageTrees.write(root, "/arch/boot/x86_64/initramfs-linux.img", "i");
        StringBuilder grub = new StringBuilder();
        for (String cmdline :
                java.util.stream.Stream.concat(asks.stream(), others.stream()).toList()) {
            grub.append("menuentry '")
                    .append(cmdline.replace("'", ""))
                    .append("' {\n")
                    .append("  linux /arch/boot/x86_64/vmlinuz-linux archisobasedir=arch ")
                    .append(cmdline)
                    .append("\n  initrd /arch/boot/x86_64/initramfs-linux.img\n}\n");
        }
        ImageTrees.write(root, "/boot/grub/grub.cfg", grub.toString());
        List<BootEntry> entries = BootPlanner.standard()
                .withRunningCommandLine(() -> "")
                .plan(new BootImage(root, "ARCH_202410", "2024-10-01-08-30-00-00"), BootMedium.pmem())
                .entries();
        assertThat(entries).hasSize(asks.size() + others.size());
        for (int i = 0; i < entries.size(); i++) {
            String planned = entries.get(i).cmdline();
            String written = i < asks.size() ? asks.get(i) : others.get(i - asks.size());
            String asWritten = archisoCopyToRam("archisobasedir=arch " + written);
            if (i < asks.size()) {
                assertThat(asWritten).as(written).isEqualTo("y");
            } else {
                assertThat(asWritten).as(written).isNotEqualTo("y");
            }
            assertThat(archisoCopyToRam(planned)).as(planned).isEqualTo(i < asks.size() ? "y" : "n");
        }
    }
}
