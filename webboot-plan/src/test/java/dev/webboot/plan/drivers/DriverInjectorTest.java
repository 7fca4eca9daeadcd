package dev.webboot.plan.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.DriverPatch;
import dev.webboot.api.plan.InitramfsFamily;
import dev.webboot.iso.initramfs.Compression;
import dev.webboot.iso.initramfs.Initramfs;
import dev.webboot.iso.initramfs.MemberType;
import dev.webboot.iso.iso9660.Iso9660FileSystem;
import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link DriverInjector} on live ISOs made by mksquashfs, depmod and xorriso from Debian's real nvdimm modules; the
 * appended archive is read back by GNU cpio and compared with the module files it came from.
 */
class DriverInjectorTest {
    @TempDir
    Path dir;

    static BootEntry entry(List<String> modules, String release, InitramfsFamily family) {
        return BootEntry.of("Live", "/live/vmlinuz", List.of("/live/initrd.img"), "boot=live", true)
                .withPatch(Optional.of(new DriverPatch(modules, release, family)));
    }

    record Written(InjectedInitrd result, byte[] initrd, byte[] out, byte[] archive) {}

    Written inject(Path iso, BootEntry entry, Compression compression) throws IOException {
        Path out = dir.resolve("out.img");
        InjectedInitrd result;
        byte[] initrd;
        try (Iso9660FileSystem fs = Iso9660FileSystem.open(iso);
                FileChannel channel = FileChannel.open(
                        out,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            result = DriverInjector.forImage(fs.getPath("/"))
                    .withCompression(compression)
                    .write(entry, channel);
            initrd = Files.readAllBytes(fs.getPath("/live/initrd.img"));
        }
        byte[] bytes = Files.readAllBytes(out);
        assertThat(result.size()).isEqualTo(bytes.length);
        assertThat(Arrays.copyOf(bytes, initrd.length))
                .as("the original initrd is an unchanged prefix")
                .isEqualTo(initrd);
        int start = (initrd.length + 3) & ~3;
        assertThat(Arrays.copyOfRange(bytes, initrd.length, start))
                .as("zero padding to a 4-byte boundary")
                .isEqualTo(new byte[start - initrd.length]);
        return new Written(result, initrd, bytes, Arrays.copyOfRange(bytes, start, bytes.length));
    }

    /** {@code cpio -itv} of an archive, decompressed first by the real tool when it is compressed. */
    String cpioList(Path archive) {
        return ExternalTools.run(dir, "sh", "-c", "cpio -itv --quiet < " + archive)
                .stdoutText();
    }

    @ParameterizedTest
    @CsvSource({"none,none", "xz,none", "zstd,none", "gzip,none", "none,gzip", "xz,xz", "zstd,zstd"})
    void appendsDecompressedModulesAndHookThatGnuCpioReads(String moduleCompression, String archiveCompression)
            throws IOException {
        ExternalTools.require("cpio", "cpio");
        String release = LiveIsoFixture.release();
        Path iso = LiveIsoFixture.iso(dir, LiveIsoFixture.NVDIMM, moduleCompression, true, LiveIsoFixture.initrd(dir));
        Compression compression = Compression.fromCliName(archiveCompression).orElseThrow();
        Written w = inject(iso, entry(DriverPatch.PMEM_MODULES, release, InitramfsFamily.INITRAMFS_TOOLS), compression);

        assertThat(w.result().kernelVersion()).isEqualTo(release);
        assertThat(w.result().addedModules()).containsExactly("libnvdimm", "nd_btt", "nd_e820", "nd_pmem");
        Path archive = dir.resolve("appended.cpio");
        Files.write(archive, w.archive());
        Path plain = dir.resolve("appended-plain.cpio");
        String decompress =
                switch (compression) {
                    case GZIP -> "gzip -dc";
                    case XZ -> "xz -dc";
                    case ZSTD -> "zstd -qdc";
                    default -> "cat";
                };
        ExternalTools.run(dir, "sh", "-c", decompress + " < " + archive + " > " + plain);
        String listing = cpioList(plain);
        List<String> names = listing.lines()
                .map(l -> l.replaceAll(" -> .*", ""))
                .map(l -> l.substring(l.lastIndexOf(' ') + 1))
                .toList();
        assertThat(names)
                .as(listing)
                .containsExactly(
                        "webboot",
                        "webboot/libnvdimm.ko",
                        "webboot/nd_btt.ko",
                        "webboot/nd_e820.ko",
                        "webboot/nd_pmem.ko",
                        "webboot/insmod",
                        "conf/conf.d/zz-webboot-pmem");
        assertThat(w.result().addedPaths())
                .containsExactlyElementsOf(names.stream().map(n -> "/" + n).toList());
        assertThat(listing.lines().filter(l -> l.startsWith("d"))).hasSize(1);
        assertThat(listing).contains("webboot/insmod -> /bin/kmod");

        Path extracted = Files.createDirectories(dir.resolve("extracted"));
        ExternalTools.run(extracted, "sh", "-c", "cpio -idm --quiet --no-absolute-filenames < " + plain);
        for (String module : LiveIsoFixture.NVDIMM) {
            assertThat(Files.readAllBytes(extracted.resolve("webboot/" + module + ".ko")))
                    .as(module)
                    .isEqualTo(Files.readAllBytes(
                            LiveIsoFixture.debianModules().resolve("kernel/drivers/nvdimm/" + module + ".ko")));
        }
        assertThat(Files.readSymbolicLink(extracted.resolve("webboot/insmod"))).hasToString("/bin/kmod");
        assertThat(Files.readString(extracted.resolve("conf/conf.d/zz-webboot-pmem")))
                .contains("kernel " + release)
                .contains("for _wb in libnvdimm nd_btt nd_e820 nd_pmem; do")
                .contains("[ -e /sys/module/$_wb ] || insmod /webboot/$_wb.ko 2>/dev/null || /webboot/insmod"
                        + " /webboot/$_wb.ko");
    }

    @Test
    void ordersByModinfoWhenThereIsNoModulesDep() throws IOException {
        String release = LiveIsoFixture.release();
        Path iso = LiveIsoFixture.iso(dir, LiveIsoFixture.NVDIMM, "xz", false, LiveIsoFixture.initrd(dir));
        // nd_pmem's depends= names libnvdimm and nd_btt; nd_btt's names libnvdimm: they come first.
        Written w =
                inject(iso, entry(List.of("nd_pmem", "nd_e820"), release, InitramfsFamily.DRACUT), Compression.NONE);
        assertThat(w.result().addedModules()).containsExactly("libnvdimm", "nd_btt", "nd_pmem", "nd_e820");
        assertThat(w.result().addedPaths())
                .contains(
                        "/lib/dracut/hooks/pre-udev/30-webboot-pmem.sh",
                        "/var/lib/dracut/hooks/pre-udev/30-webboot-pmem.sh")
                .doesNotContain("/conf/conf.d/zz-webboot-pmem");
        // The initrd has no lib/dracut: its parents are added below the existing lib -> usr/lib, never lib itself.
        assertThat(w.result().addedPaths())
                .contains("/lib/dracut", "/lib/dracut/hooks", "/lib/dracut/hooks/pre-udev")
                .doesNotContain("/lib");
    }

    @Test
    void fedoraClassicLayoutModulesComeFromTheExt4ImageInsideTheSquashfs() throws IOException {
        String release = LiveIsoFixture.release();
        Path iso = LiveIsoFixture.fedoraClassicIso(dir, LiveIsoFixture.NVDIMM, "xz", LiveIsoFixture.initrd(dir));
        Written w = inject(iso, entry(DriverPatch.PMEM_MODULES, release, InitramfsFamily.DRACUT), Compression.NONE);
        assertThat(w.result().addedModules()).containsExactly("libnvdimm", "nd_btt", "nd_e820", "nd_pmem");
        Path archive = dir.resolve("appended.cpio");
        Files.write(archive, w.archive());
        Path extracted = Files.createDirectories(dir.resolve("extracted"));
        ExternalTools.run(extracted, "sh", "-c", "cpio -idm --quiet --no-absolute-filenames < " + archive);
        assertThat(Files.readAllBytes(extracted.resolve("webboot/nd_pmem.ko")))
                .isEqualTo(
                        Files.readAllBytes(LiveIsoFixture.debianModules().resolve("kernel/drivers/nvdimm/nd_pmem.ko")));
        assertThat(extracted.resolve("lib/dracut/hooks/pre-udev/30-webboot-pmem.sh"))
                .isExecutable()
                .content()
                .startsWith("#!/bin/sh\n")
                .contains("for _wb in libnvdimm nd_btt nd_e820 nd_pmem; do");
    }

    @Test
    void missingModulesAreOnePlainSentence() throws IOException {
        String release = LiveIsoFixture.release();
        Path iso = LiveIsoFixture.iso(dir, List.of("libnvdimm", "nd_e820"), "none", true, LiveIsoFixture.initrd(dir));
        try (Iso9660FileSystem fs = Iso9660FileSystem.open(iso)) {
            DriverInjector injector = DriverInjector.forImage(fs.getPath("/"));
            BootEntry entry = entry(DriverPatch.PMEM_MODULES, release, InitramfsFamily.INITRAMFS_TOOLS);
            assertThat(injector.modulesFound(entry)).isFalse();
            assertThatThrownBy(() -> injector.write(
                            entry,
                            FileChannel.open(
                                    dir.resolve("never"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)))
                    .isInstanceOf(MissingDriversException.class)
                    .hasMessage(iso + ": the pmem drivers nd_btt, nd_pmem of kernel " + release
                            + " are neither built in nor in the ISO's root file system, so it cannot boot from pmem;"
                            + " boot it as a file instead (--medium file with --cache on a disk)");
            assertThat(dir.resolve("never")).isEmptyFile();
            BootEntry otherKernel = entry(DriverPatch.PMEM_MODULES, "9.9.9-other", InitramfsFamily.DRACUT);
            assertThatThrownBy(() -> injector.modules(otherKernel))
                    .isInstanceOf(MissingDriversException.class)
                    .hasMessageContaining("libnvdimm, nd_btt, nd_e820, nd_pmem of kernel 9.9.9-other are neither");
            assertThat(injector.withoutInjection().modulesFound(entry)).isTrue();
        }
    }

    @Test
    void withoutInjectionOrPatchTheInitrdsAreCopiedAsTheyAre() throws IOException {
        Path initrd = LiveIsoFixture.initrd(dir);
        Path iso = LiveIsoFixture.iso(dir, LiveIsoFixture.NVDIMM, "none", true, initrd);
        Path out = dir.resolve("copy.img");
        try (Iso9660FileSystem fs = Iso9660FileSystem.open(iso);
                FileChannel channel = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            BootEntry entry = entry(DriverPatch.PMEM_MODULES, LiveIsoFixture.release(), InitramfsFamily.DRACUT);
            InjectedInitrd result =
                    DriverInjector.forImage(fs.getPath("/")).withoutInjection().write(entry, channel);
            assertThat(result.injected()).isFalse();
            assertThat(result.addedModules()).isEmpty();
        }
        assertThat(out).hasSameBinaryContentAs(initrd);
    }

    /** The names in {@code cpio -tv} output, in archive order; directory entries only when {@code directories}. */
    static List<String> names(String listing, boolean directories) {
        return listing.lines()
                .filter(l -> !directories || l.startsWith("d"))
                .map(l -> l.replaceAll(" -> .*", ""))
                .map(l -> l.substring(l.lastIndexOf(' ') + 1))
                .toList();
    }

    @Test
    void realMkinitramfsInitrdKeepsItsDirectoriesAndLibSymlink() throws IOException {
        String release = LiveIsoFixture.release();
        Path initrd = Mkinitramfs.build(dir, release, "");
        Path iso = LiveIsoFixture.iso(dir, LiveIsoFixture.NVDIMM, "zstd", true, initrd);
        for (InitramfsFamily family : List.of(InitramfsFamily.INITRAMFS_TOOLS, InitramfsFamily.DRACUT)) {
            Written w = inject(iso, entry(DriverPatch.PMEM_MODULES, release, family), Compression.NONE);
            Path archive = dir.resolve("appended-" + family.id() + ".cpio");
            Files.write(archive, w.archive());
            String listing = cpioList(archive);
            // mkinitramfs made conf/conf.d, usr/lib and the lib -> usr/lib symlink: none of them is re-added.
            List<String> expectedDirectories = family == InitramfsFamily.DRACUT
                    ? List.of(
                            "webboot",
                            "lib/dracut",
                            "lib/dracut/hooks",
                            "lib/dracut/hooks/pre-udev",
                            "var",
                            "var/lib",
                            "var/lib/dracut",
                            "var/lib/dracut/hooks",
                            "var/lib/dracut/hooks/pre-udev")
                    : List.of("webboot");
            assertThat(names(listing, true)).as(listing).containsExactlyElementsOf(expectedDirectories);

            Path out = dir.resolve("out.img");
            Files.write(out, w.out());
            try (Initramfs unpacked = Initramfs.open(out)) {
                assertThat(unpacked.find("/lib").orElseThrow().type())
                        .as("the kernel still finds lib -> usr/lib")
                        .isEqualTo(MemberType.SYMLINK);
                assertThat(unpacked.exists("/usr/bin/kmod")).isTrue();
                String hook = family == InitramfsFamily.DRACUT
                        ? "/usr/lib/dracut/hooks/pre-udev/30-webboot-pmem.sh"
                        : "/conf/conf.d/zz-webboot-pmem";
                assertThat(new String(unpacked.read(hook), StandardCharsets.UTF_8))
                        .contains("for _wb in libnvdimm");
                if (family == InitramfsFamily.DRACUT) {
                    // dracut-ng ≥ 110 reads /var/lib/dracut/hooks (DracutHookDirectoriesTest runs its list_hooks).
                    assertThat(unpacked.read("/var/lib/dracut/hooks/pre-udev/30-webboot-pmem.sh"))
                            .isEqualTo(unpacked.read(hook));
                }
                assertThat(unpacked.read("/webboot/nd_pmem.ko"))
                        .isEqualTo(Files.readAllBytes(
                                LiveIsoFixture.debianModules().resolve("kernel/drivers/nvdimm/nd_pmem.ko")));
            }
        }
    }

    @Test
    void mkinitcpioGetsAnEarlyHookThatItsConfigRunsFirst() throws IOException {
        String release = LiveIsoFixture.release();
        Path tree = Files.createDirectories(dir.resolve("mkinitcpio-tree"));
        Files.createDirectories(tree.resolve("hooks"));
        Files.createDirectories(tree.resolve("usr/bin"));
        Files.createSymbolicLink(tree.resolve("bin"), Path.of("usr/bin"));
        // What mkinitcpio writes to /config (its build_image's printf of the hook lists).
        Files.writeString(
                tree.resolve("config"),
                "MODULES=\"\"\nEARLYHOOKS=\"udev\"\nHOOKS=\"udev archiso\"\nLATEHOOKS=\"\"\nCLEANUPHOOKS=\"udev\"\n");
        Path initrd = dir.resolve("mkinitcpio.img");
        ExternalTools.run(tree, "sh", "-c", "find . | LC_ALL=C sort | cpio --quiet -o -H newc | zstd -q > " + initrd);
        Path iso = LiveIsoFixture.iso(dir, LiveIsoFixture.NVDIMM, "zstd", false, initrd);
        Written w = inject(iso, entry(DriverPatch.PMEM_MODULES, release, InitramfsFamily.MKINITCPIO), Compression.GZIP);
        Path archive = dir.resolve("appended.cpio.gz");
        Files.write(archive, w.archive());
        Path extracted = Files.createDirectories(dir.resolve("mkinitcpio-out"));
        ExternalTools.run(extracted, "sh", "-c", "gzip -dc < " + archive + " | cpio -idm --quiet");
        String listing = ExternalTools.run(dir, "sh", "-c", "gzip -dc < " + archive + " | cpio -itv --quiet")
                .stdoutText();
        assertThat(names(listing, true)).as(listing).containsExactly("webboot");
        assertThat(names(listing, false)).as(listing).endsWith("webboot/insmod", "hooks/webboot_pmem", "config");
        assertThat(extracted.resolve("hooks/webboot_pmem")).isExecutable();
        // The way mkinitcpio's /init does it: source /config, then source each early hook and call run_earlyhook.
        String shell = ExternalTools.run(
                        extracted,
                        "sh",
                        "-c",
                        ". ./config; echo \"EARLYHOOKS=$EARLYHOOKS HOOKS=$HOOKS\"; . ./hooks/webboot_pmem;"
                                + " type run_earlyhook >/dev/null && echo defined")
                .stdoutText();
        assertThat(shell).isEqualTo("EARLYHOOKS=webboot_pmem udev HOOKS=udev archiso\ndefined\n");
        assertThat(w.result().addedPaths())
                .contains("/hooks/webboot_pmem", "/config")
                .doesNotContain("/hooks");
    }
}
