package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.plan.drivers.LiveIsoFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code webboot initrd inject} and the plan's {@code modulesFound} on live ISOs made by mksquashfs, depmod and
 * xorriso with Debian's real kernel and nvdimm modules.
 */
class InitrdInjectCommandTest {
    @TempDir
    static Path dir;

    static Path initrd;
    static Path iso;
    static Path isoWithoutPmem;
    static String release;

    @BeforeAll
    static void buildIsos() throws IOException {
        release = LiveIsoFixture.release();
        Path complete = Files.createDirectories(dir.resolve("complete"));
        initrd = LiveIsoFixture.initrd(complete);
        iso = LiveIsoFixture.iso(complete, LiveIsoFixture.NVDIMM, "xz", true, initrd);
        Path partial = Files.createDirectories(dir.resolve("partial"));
        isoWithoutPmem =
                LiveIsoFixture.iso(partial, List.of("libnvdimm"), "none", true, LiveIsoFixture.initrd(partial));
    }

    @Test
    void planSaysWhetherTheModulesAreInTheIso() {
        CliRun.Result found = CliRun.webboot(dir, "plan", "--json", iso.toString());
        assertThat(found.exitCode()).as(found.stderr()).isZero();
        assertThat(found.out())
                .contains(
                        "\"patch\":{\"modules\":[\"libnvdimm\",\"nd_btt\",\"nd_e820\",\"nd_pmem\"],\"kernelVersion\":\""
                                + release + "\",\"hook\":\"initramfs-tools\",\"modulesFound\":true}");
        CliRun.Result missing = CliRun.webboot(dir, "plan", "--json", isoWithoutPmem.toString());
        assertThat(missing.exitCode()).as(missing.stderr()).isZero();
        assertThat(missing.out()).contains("\"hook\":\"initramfs-tools\",\"modulesFound\":false}");
    }

    @Test
    void injectWritesTheInitrdKexecGets() throws IOException {
        Path out = dir.resolve("injected.img");
        CliRun.Result r =
                CliRun.webboot(dir, "initrd", "inject", iso.toString(), "--entry", "0", "-o", out.toString(), "--json");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        long size = Files.size(out);
        assertThat(r.out())
                .isEqualTo("{\"size\":" + size + ",\"kernelVersion\":\"" + release
                        + "\",\"modules\":[\"libnvdimm\",\"nd_btt\",\"nd_e820\",\"nd_pmem\"],\"paths\":[\"/webboot\","
                        + "\"/webboot/libnvdimm.ko\",\"/webboot/nd_btt.ko\",\"/webboot/nd_e820.ko\","
                        + "\"/webboot/nd_pmem.ko\",\"/webboot/insmod\",\"/conf/conf.d/zz-webboot-pmem\"]}\n");
        byte[] original = Files.readAllBytes(initrd);
        assertThat(Arrays.copyOf(Files.readAllBytes(out), original.length)).isEqualTo(original);

        CliRun.Result ls = CliRun.webboot(dir, "initrd", "ls", "--json", out.toString());
        assertThat(ls.exitCode()).as(ls.stderr()).isZero();
        assertThat(ls.out().lines())
                .anySatisfy(l -> assertThat(l)
                        .startsWith("{\"segment\":1,\"compression\":\"none\",\"path\":\"/webboot/nd_pmem.ko\","
                                + "\"type\":\"file\""))
                .anySatisfy(l -> assertThat(l)
                        .startsWith("{\"segment\":1,\"compression\":\"none\",\"path\":\"/webboot/insmod\","
                                + "\"type\":\"symlink\""));
        CliRun.Result cat = CliRun.webboot(dir, "initrd", "cat", out.toString(), "/conf/conf.d/zz-webboot-pmem");
        assertThat(cat.out()).contains("for _wb in libnvdimm nd_btt nd_e820 nd_pmem; do");
    }

    @Test
    void noInjectCopiesTheInitrd() throws IOException {
        Path out = dir.resolve("copy.img");
        CliRun.Result r = CliRun.webboot(dir, "initrd", "inject", iso.toString(), "--no-inject", "-o", out.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.out()).isEqualTo(out + ": " + Files.size(initrd) + " bytes; nothing added\n");
        assertThat(out).hasSameBinaryContentAs(initrd);
    }

    @Test
    void missingModulesFailWithOneSentenceAndNoOutput() {
        Path out = dir.resolve("never.img");
        CliRun.Result r = CliRun.webboot(dir, "initrd", "inject", isoWithoutPmem.toString(), "-o", out.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        // The planner logs on stderr too; the failure is its last line.
        assertThat(r.stderr())
                .endsWith("\nwebboot: " + isoWithoutPmem + ": the pmem drivers nd_btt, nd_e820, nd_pmem of kernel "
                        + release + " are neither built in nor in the ISO's root file system, so it cannot boot from"
                        + " pmem; boot it as a file instead (--medium file with --cache on a disk)\n");
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("never.img.part")).doesNotExist();
    }

    @Test
    void entryOutOfRangeIsAUsageError() {
        CliRun.Result r = CliRun.webboot(
                dir,
                "initrd",
                "inject",
                iso.toString(),
                "--entry",
                "7",
                "-o",
                dir.resolve("x").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("--entry must be 0 to 0, not 7");
    }
}
