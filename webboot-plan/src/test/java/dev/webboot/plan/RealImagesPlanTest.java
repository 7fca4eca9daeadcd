package dev.webboot.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.BootPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void ipxeIsolinuxEntry() throws IOException {
        assertThat(plan("ipxe.iso"))
                .isEqualTo(new BootPlan(
                        "generic",
                        "ISOIMAGE",
                        List.of(BootEntry.of("ipxe.lkrn", "/ipxe.krn", List.of(), "memmap=1G!4G", true)),
                        "/isolinux.cfg",
                        List.of()));
    }

    @Test
    void grubRescueSampleConfigDescribesNothingOnTheCd() {
        assertThatThrownBy(() -> plan("grub-rescue-cdrom.iso"))
                .isInstanceOf(NoBootEntryException.class)
                // The sentence says what was left out and why, not only that nothing is left.
                .hasMessageContaining("of /boot/grub/grub.cfg: /vmlinuz is not in the image");
    }
}
