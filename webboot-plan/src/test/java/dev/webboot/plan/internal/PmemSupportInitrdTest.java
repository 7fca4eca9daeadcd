package dev.webboot.plan.internal;

import static dev.webboot.testing.ExternalTools.require;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.api.plan.DriverPatch;
import dev.webboot.api.plan.InitramfsFamily;
import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan's driver patch leaves out the pmem drivers that the distribution's own initrd (made by GNU cpio) has. */
class PmemSupportInitrdTest {
    private static final Optional<DriverPatch> FULL =
            Optional.of(new DriverPatch(DriverPatch.PMEM_MODULES, "6.1.0-26-amd64", InitramfsFamily.DRACUT));

    /** An initrd made by GNU cpio and zstd holding {@code files} (paths relative to its root). */
    private static Path initrd(Path dir, String name, List<String> files) throws IOException {
        Path root = Files.createDirectories(dir.resolve(name + ".d"));
        for (String file : files) {
            Path path = root.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, "module " + file);
        }
        Path out = dir.resolve(name);
        String cpio = require("cpio", "cpio").toString();
        String zstd = require("zstd", "zstd").toString();
        ExternalTools.run(root, "sh", "-c", "find . | " + cpio + " -o -H newc --quiet | " + zstd + " -q -c > " + out);
        return out;
    }

    @Test
    void initrdsWithEveryDriverNeedNoPatch(@TempDir Path dir) throws IOException {
        String nvdimm = "usr/lib/modules/6.1.0-26-amd64/kernel/drivers/nvdimm/";
        Path ubuntuLike = initrd(
                dir,
                "initrd",
                List.of(
                        nvdimm + "libnvdimm.ko.zst",
                        nvdimm + "nd_btt.ko.zst",
                        nvdimm + "nd_e820.ko.zst",
                        nvdimm + "nd_pmem.ko.zst",
                        "init"));
        assertThat(PmemSupport.withoutDriversIn(FULL, List.of(ubuntuLike))).isEmpty();
    }

    @Test
    void onlyTheMissingDriversArePatched(@TempDir Path dir) throws IOException {
        String nvdimm = "lib/modules/6.1.0-26-amd64/kernel/drivers/nvdimm/";
        // What a Debian-built dracut --no-hostonly initrd carries: the bus drivers, not the block device (measured).
        Path dracutLike = initrd(dir, "initrd.img", List.of(nvdimm + "libnvdimm.ko", nvdimm + "nd_e820.ko", "init"));
        Path microcode = initrd(dir, "ucode.img", List.of("kernel/x86/microcode/GenuineIntel.bin"));
        assertThat(PmemSupport.withoutDriversIn(FULL, List.of(microcode, dracutLike)))
                .contains(new DriverPatch(List.of("nd_btt", "nd_pmem"), "6.1.0-26-amd64", InitramfsFamily.DRACUT));
    }

    @Test
    void anUnreadableInitrdLeavesThePatchWhole(@TempDir Path dir) throws IOException {
        Path garbage = Files.write(dir.resolve("initrd"), new byte[] {'x', 'y', 'z', 0, 1, 2});
        assertThat(PmemSupport.withoutDriversIn(FULL, List.of(garbage))).isEqualTo(FULL);
        assertThat(PmemSupport.withoutDriversIn(Optional.empty(), List.of(garbage)))
                .isEmpty();
    }

    /**
     * Issue 18, item 5: one plan decompresses at most its budget in all. With a budget of exactly the first initrd's
     * decompressed size, the first is read (its drivers leave the patch out) and the second is not (the patch stays
     * whole, with a warning).
     */
    @Test
    void aPlanStopsReadingInitrdsWhenItsBudgetIsSpent(@TempDir Path dir) throws IOException {
        String nvdimm = "usr/lib/modules/6.1.0-26-amd64/kernel/drivers/nvdimm/";
        List<String> all = List.of(
                nvdimm + "libnvdimm.ko.zst",
                nvdimm + "nd_btt.ko.zst",
                nvdimm + "nd_e820.ko.zst",
                nvdimm + "nd_pmem.ko.zst");
        Path first = initrd(dir, "first", all);
        Path second = initrd(dir, "second", all);
        long firstSize = Long.parseLong(
                ExternalTools.run(dir, "sh", "-c", require("zstd", "zstd") + " -q -d -c " + first + " | wc -c")
                        .stdoutText()
                        .strip());

        assertThat(PmemSupport.withinBudget(firstSize, () -> PmemSupport.withoutDriversIn(FULL, List.of(first))))
                .isEmpty();
        assertThat(PmemSupport.withinBudget(
                        firstSize, () -> PmemSupport.withoutDriversIn(FULL, List.of(first, second))))
                .isEqualTo(FULL);
        assertThat(PmemSupport.withinBudget(firstSize - 1, () -> PmemSupport.withoutDriversIn(FULL, List.of(first))))
                .as("one byte short")
                .isEqualTo(FULL);
    }

    @Test
    void moduleNamesAreReadFromTheirPaths() {
        assertThat(PmemSupport.nvdimmModuleName("/lib/modules/6.1/kernel/drivers/nvdimm/nd_pmem.ko"))
                .contains("nd_pmem");
        assertThat(PmemSupport.nvdimmModuleName("/usr/lib/modules/6.8/kernel/drivers/nvdimm/nd-btt.ko.zst"))
                .contains("nd_btt");
        assertThat(PmemSupport.nvdimmModuleName("/lib/modules/6.1/kernel/drivers/nvdimm/sub/x.ko"))
                .isEmpty();
        assertThat(PmemSupport.nvdimmModuleName("/lib/modules/6.1/kernel/drivers/block/brd.ko"))
                .isEmpty();
    }
}
