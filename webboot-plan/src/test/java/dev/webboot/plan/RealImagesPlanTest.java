package dev.webboot.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.BootPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Planning the real ISOs Debian packages ship (fetched by scripts/fetch-fixtures): iPXE's isolinux image, and the
 * grub-rescue CD whose sample grub.cfg (functions of a hard-disk install: {@code set root=(hd0,msdos1)}, multiboot
 * Hurd entries with quoted {@code '${...}'} arguments) describes a {@code /vmlinuz} that is not on the CD.
 */
class RealImagesPlanTest {
    private final BootPlanner planner = BootPlanner.standard().withRunningCommandLine(() -> "memmap=1G!4G");

    private static Path fixture(String name) {
        String root = System.getenv("WEBBOOT_TEST_ROOT");
        if (root == null || root.isEmpty()) {
            throw new AssertionError("WEBBOOT_TEST_ROOT is not set: run the tests with mvn, which sets it");
        }
        Path path = Path.of(root, ".cache/fixtures", name);
        if (!Files.isRegularFile(path)) {
            throw new AssertionError(path + " is missing: run scripts/fetch-fixtures (scripts/test runs it)");
        }
        return path;
    }

    private BootPlan plan(String name) throws IOException {
        return planner.plan(fixture(name), BootMedium.pmem());
    }

    @Test
    void ipxeKernelIsRefusedBecauseKexecCannotLoadIt() {
        // /ipxe.krn is a bzImage of boot protocol 2.07 without XLF_KERNEL_64: the kernel's kexec_file_load refuses it
        // (bzImage64_probe), so the plan says so before any download rather than kexec failing after it.
        assertThatThrownBy(() -> plan("ipxe.iso"))
                .isInstanceOf(NoBootEntryException.class)
                .hasMessage("no GRUB, isolinux or BLS configuration in the image describes a Linux entry (left out:"
                        + " \"ipxe.lkrn\" of /isolinux.cfg: /ipxe.krn is an x86 kernel of boot protocol 2.07 without"
                        + " a 64-bit entry point, and kexec_file_load loads only 64-bit bzImages (boot protocol 2.12 or"
                        + " later, XLF_KERNEL_64, loadable above 4 GiB) and little-endian arm64 Images)");
    }

    @Test
    void anUnloadableKernelBesideALoadableOneIsListedAmongTheDropped(@org.junit.jupiter.api.io.TempDir Path tree)
            throws IOException {
        // Debian's real kernel and iPXE's real one, in one menu.
        Path ipxe = tree.resolve("ipxe.krn");
        try (var iso = dev.webboot.iso.iso9660.Iso9660FileSystem.open(fixture("ipxe.iso"))) {
            Files.copy(iso.getPath("/ipxe.krn"), ipxe);
        }
        Files.copy(fixture("linux/vmlinuz"), tree.resolve("vmlinuz"));
        Files.createDirectories(tree.resolve("boot/grub"));
        Files.writeString(
                tree.resolve("boot/grub/grub.cfg"),
                "menuentry 'Linux' {\n linux /vmlinuz quiet\n}\nmenuentry 'iPXE' {\n linux /ipxe.krn\n}\n");
        BootPlan plan = planner.plan(new dev.webboot.api.plan.BootImage(tree, "L", "U"), BootMedium.pmem());
        assertThat(plan.entries()).extracting(BootEntry::title).containsExactly("Linux");
        assertThat(plan.dropped())
                .containsExactly(new dev.webboot.api.plan.DroppedEntry(
                        "/boot/grub/grub.cfg",
                        "iPXE",
                        "/ipxe.krn is an x86 kernel of boot protocol 2.07 without a 64-bit entry point, and"
                                + " kexec_file_load loads only 64-bit bzImages (boot protocol 2.12 or later,"
                                + " XLF_KERNEL_64, loadable above 4 GiB) and little-endian arm64 Images"));
    }

    @Test
    void grubRescueSampleConfigDescribesNothingOnTheCd() {
        assertThatThrownBy(() -> plan("grub-rescue-cdrom.iso"))
                .isInstanceOf(NoBootEntryException.class)
                // The sentence says what was left out and why, not only that nothing is left.
                .hasMessageContaining("of /boot/grub/grub.cfg: /vmlinuz is not in the image");
    }
}
