package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Real, unmodified live ISOs built by the distributions' own tools from Debian 12's packages
 * ({@code scripts/build-real-iso}: live-build, and dracut 059 + dracut-live in Fedora's layout), downloaded by
 * webboot inside QEMU into {@code /dev/pmem0} and kexec'd ({@code scripts/demo-iso}). The console is the distribution's
 * own: what each test asserts is text printed by live-boot, dracut, systemd or getty. Run alone with
 * {@code mvn verify -Dgroups=real-iso}; the ISOs are built once and kept in {@code ~/.cache/webboot/real-iso}.
 */
@Tag("real-iso")
@Execution(
        ExecutionMode
                .CONCURRENT) // two single-threaded TCG guests at once (src/test/resources/junit-platform.properties)
class RealIsoBootTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    /**
     * live-build's ISO through {@code webboot boot}: its initrd lacks the nvdimm drivers, webboot takes them from the
     * ISO's own squashfs (same kernel version) and appends them with an initramfs-tools hook; live-boot then finds its
     * medium on /dev/pmem0 and systemd brings up getty on the serial console.
     */
    @Test
    void debianLiveBootsToItsLoginPromptThroughWebbootBoot() throws Exception {
        RealIsos.Boot boot = RealIsos.demo(
                RealIsos.iso("debian-live"),
                work.resolve("debian-live"),
                "--expect",
                "debian login: *$",
                "--timeout",
                "1200");
        assertThat(boot.exitCode()).as(boot.describe()).isZero();
        assertThat(boot.matched()).contains("debian login:");
        assertThat(boot.console())
                .as(boot.describe())
                .contains("injected libnvdimm nd_btt nd_e820 nd_pmem")
                .doesNotContain("Unable to find a medium");
        assertThat(boot.reached("kexec")).as(boot.describe()).isTrue();
    }

    /**
     * The same ISO booted as a file ({@code --medium file}) from a cache disk: a second QEMU disk with an ext4 file
     * system (mkfs.ext4) holding it as {@code /isos/NAME.iso}. webboot verifies it in place, finds its path and the
     * file system's UUID, and plans live-boot's own {@code findiso=} with no driver injection (the second kernel reads
     * a virtio disk, not pmem); live-boot then finds the file on /dev/vda, loop-mounts it and boots to getty.
     */
    @Test
    void debianLiveBootsAsAFileFromAnExt4CacheDiskWithFindiso() throws Exception {
        Path iso = RealIsos.iso("debian-live");
        String isoPath = "/isos/" + iso.toRealPath().getFileName(); // where demo-iso puts it on the cache disk
        CliRun.Result planned = CliRun.webboot(
                work,
                "plan",
                iso.toString(),
                "--medium",
                "file",
                "--iso-path",
                isoPath,
                "--iso-uuid",
                "0b0f5e06-7c55-4d1c-9d0e-0c5e7ab1e3f1",
                "--json");
        assertThat(planned.exitCode()).as(planned.stderr()).isZero();
        JsonNode entries = JSON.readTree(planned.out()).path("entries");
        assertThat(entries.size()).as(planned.out()).isPositive();
        for (JsonNode entry : entries) {
            assertThat(entry.path("cmdline").asText()).contains("findiso=" + isoPath);
            assertThat(entry.path("patch").isNull()).as("patch of %s", entry).isTrue();
        }

        RealIsos.Boot boot = RealIsos.demo(
                iso,
                work.resolve("debian-live-file"),
                "--medium",
                "file",
                "--expect",
                "debian login: *$",
                "--timeout",
                "1200");
        assertThat(boot.exitCode()).as(boot.describe()).isZero();
        assertThat(boot.matched()).contains("debian login:");
        assertThat(boot.console())
                .as(boot.describe())
                .containsPattern("webboot: medium: /mnt/cache" + isoPath + " is " + isoPath
                        + " on the ext4 file system UUID=[0-9a-f-]{36}")
                .containsPattern("webboot: cmdline: boot=live [^\\n]*findiso=" + isoPath)
                .containsPattern("(?m)webboot: initrd: [0-9]+ bytes\\s*$")
                .doesNotContain(", injected ")
                .doesNotContain("Unable to find a medium");
        assertThat(boot.reached("kexec")).as(boot.describe()).isTrue();
    }

    /**
     * Fedora's classic layout from Debian's dracut: the modules webboot injects come from the ext4
     * {@code LiveOS/rootfs.img} inside {@code LiveOS/squashfs.img}, read in place, with a dracut pre-udev hook.
     */
    @Test
    void dracutClassicLiveBootsToItsLoginPromptThroughWebbootBoot() throws Exception {
        RealIsos.Boot boot = RealIsos.demo(
                RealIsos.iso("dracut-classic"),
                work.resolve("dracut-classic"),
                "--expect",
                "webboot-dracut login: *$",
                "--timeout",
                "1200");
        assertThat(boot.exitCode()).as(boot.describe()).isZero();
        assertThat(boot.matched()).contains("webboot-dracut login:");
        // The plan asks for nd_btt and nd_pmem; the injector adds what they depend on (libnvdimm) too.
        assertThat(boot.console()).as(boot.describe()).containsPattern("injected [a-z_ ]*nd_btt nd_pmem");
        assertThat(boot.reached("kexec")).as(boot.describe()).isTrue();
    }

    /**
     * live-boot's initrd (initramfs-tools 0.142) has no nvdimm driver, so without webboot's injection the second
     * kernel never sees /dev/pmem0 and live-boot gives up with its own message (after about 110 s of searching
     * under TCG).
     */
    @Test
    void debianLiveWithoutTheDriversStopsWithLiveBootsOwnError() throws Exception {
        Path iso = RealIsos.iso("debian-live");
        JsonNode plan = plan(iso);
        assertThat(plan.path("family").asText()).isEqualTo("live-boot");
        JsonNode entry = defaultEntry(plan);
        assertThat(entry.path("cmdline").asText()).contains("boot=live", "live-media=/dev/pmem0");
        assertThat(entry.path("patch").path("modules").toString()).contains("nd_pmem", "libnvdimm");

        RealIsos.Boot boot = RealIsos.demo(
                iso,
                work.resolve("debian-live-no-inject"),
                "--no-inject",
                "--expect",
                "Unable to find a medium containing a live file system",
                "--fail",
                "Kernel panic|login: *$|^WEBBOOT-DEMO-FAILED",
                "--timeout",
                "900");
        assertThat(boot.exitCode()).as(boot.describe()).isZero();
        assertThat(boot.result()).isEqualTo("match");
        assertThat(boot.reached("verified")).as(boot.describe()).isTrue();
        assertThat(boot.reached("kexec")).as(boot.describe()).isTrue();
        assertThat(boot.console()).contains("BOOT FAILED").contains("This Live System image failed to boot.");
    }

    /**
     * Debian's dracut 059 puts libnvdimm and nd_e820 into a --no-hostonly initrd but not nd_pmem, so the label
     * {@code CDLABEL=WEBBOOT_LIVE} never appears and dracut's initqueue times out ({@code rd.retry=} shortens the wait).
     */
    @Test
    void dracutLiveWithoutTheDriversTimesOutInDracutsInitqueue() throws Exception {
        Path iso = RealIsos.iso("dracut-classic");
        JsonNode plan = plan(iso);
        assertThat(plan.path("family").asText()).isEqualTo("dracut");
        JsonNode entry = defaultEntry(plan);
        assertThat(entry.path("cmdline").asText()).contains("root=live:CDLABEL=WEBBOOT_LIVE", "rd.live.image");
        assertThat(entry.path("patch").path("modules").toString()).contains("nd_pmem");

        RealIsos.Boot boot = RealIsos.demo(
                iso,
                work.resolve("dracut-classic-no-inject"),
                "--no-inject",
                "--append",
                "rd.retry=6 rd.timeout=30",
                "--expect",
                "dracut-initqueue.*timeout, still waiting for following initqueue hooks",
                "--fail",
                "Kernel panic|login: *$|^WEBBOOT-DEMO-FAILED",
                "--timeout",
                "900");
        assertThat(boot.exitCode()).as(boot.describe()).isZero();
        assertThat(boot.reached("kexec")).as(boot.describe()).isTrue();
        assertThat(boot.console()).as(boot.describe()).doesNotContain("login:");
    }

    /**
     * Built with {@code dracut --add-drivers nd_pmem}, the initrd carries the pmem block driver itself: webboot's plan
     * asks for no patch, and the image boots from pmem to its login prompt with nothing added.
     */
    @Test
    void dracutLiveBuiltWithNdPmemNeedsNoPatchAndBootsToLogin() throws Exception {
        Path iso = RealIsos.iso("dracut-ndpmem");
        JsonNode plan = plan(iso);
        assertThat(plan.path("family").asText()).isEqualTo("dracut");
        for (JsonNode entry : plan.path("entries")) {
            assertThat(entry.path("patch").isNull()).as("patch of %s", entry).isTrue();
        }

        RealIsos.Boot boot = RealIsos.demo(
                iso, work.resolve("dracut-ndpmem"), "--expect", "webboot-dracut login: *$", "--timeout", "900");
        assertThat(boot.exitCode()).as(boot.describe()).isZero();
        assertThat(boot.matched()).contains("webboot-dracut login:");
        assertThat(boot.reached("kexec")).as(boot.describe()).isTrue();
    }

    private JsonNode plan(Path iso) throws Exception {
        CliRun.Result r = CliRun.webboot(work, "plan", iso.toString(), "--medium", "pmem", "--json");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return JSON.readTree(r.out());
    }

    private static JsonNode defaultEntry(JsonNode plan) {
        for (JsonNode entry : plan.path("entries")) {
            if (entry.path("default").asBoolean()) {
                return entry;
            }
        }
        return plan.path("entries").path(0);
    }
}
