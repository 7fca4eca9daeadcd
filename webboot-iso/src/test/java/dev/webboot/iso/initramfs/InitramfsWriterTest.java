package dev.webboot.iso.initramfs;

import static dev.webboot.iso.initramfs.Fixtures.compress;
import static dev.webboot.iso.initramfs.Fixtures.cpio;
import static dev.webboot.iso.initramfs.Fixtures.extract;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Appending to an initrd made by GNU cpio and gzip; the result read by webboot and extracted by GNU cpio. */
class InitramfsWriterTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(
            value = Compression.class,
            names = {"NONE", "GZIP", "XZ", "ZSTD"})
    void appendedArchiveKeepsTheOriginalBytesAndExtractsWithGnuCpio(Compression compression) throws IOException {
        Path main = tmp.resolve("main.cpio");
        Path tree = Fixtures.mainTree(Files.createDirectories(tmp.resolve("main")), 7);
        cpio(tree, "newc", main);
        Path base = tmp.resolve("initrd.img");
        compress(Compression.GZIP, main, base);
        byte[] original = Files.readAllBytes(base);

        Path module = tmp.resolve("nd_btt.ko");
        Files.write(module, Fixtures.randomBytes(new java.util.Random(9), 150_001, false));
        Path out = tmp.resolve("out.img");
        try (InitramfsWriter writer = InitramfsWriter.append(base, out, compression)) {
            assertThat(writer.exists("/lib/modules/6.1.0")).isTrue(); // through lib -> usr/lib
            writer.directory("/lib", EntryAttributes.of(0700)); // exists as a symlink: not written
            writer.directory("/lib/modules/6.1.0", EntryAttributes.of(0700)); // exists through it: not written
            writer.file("/lib/modules/6.1.0/extra/nd_btt.ko", module, new EntryAttributes(0644, 0, 0, 1_700_000_000L));
            writer.file(
                    "/scripts/init-top/webboot",
                    "#!/bin/sh\necho webboot\n".getBytes(StandardCharsets.UTF_8),
                    EntryAttributes.of(0755));
            writer.file("/init", "replaced\n".getBytes(StandardCharsets.UTF_8), EntryAttributes.of(0755));
            writer.file("/empty-new", new byte[0], EntryAttributes.of(0600));
            writer.symlink("/sbin/webboot", "/usr/bin/busybox", EntryAttributes.of(0777));
            writer.special("/dev/pmem0", MemberType.BLOCK_DEVICE, 259, 0, new EntryAttributes(0660, 0, 6, 0));
            writer.special("/run/fifo", MemberType.FIFO, 0, 0, EntryAttributes.of(0644));
            writer.directory("/new/deep/dir", new EntryAttributes(0750, 1000, 1000, 5));
        }
        byte[] written = Files.readAllBytes(out);
        assertThat(Arrays.copyOf(written, original.length)).isEqualTo(original);
        int aligned = (original.length + 3) & ~3;
        for (int i = original.length; i < aligned; i++) {
            assertThat(written[i]).isZero();
        }

        try (Initramfs initramfs = Initramfs.open(out)) {
            assertThat(initramfs.segments()).hasSize(2);
            InitramfsSegment appended = initramfs.segments().get(1);
            assertThat(appended.compression()).isEqualTo(compression);
            assertThat(appended.offset()).isEqualTo(aligned);
            assertThat(initramfs.members())
                    .filteredOn(m -> m.segment() == 1)
                    .extracting(InitramfsMember::path)
                    .containsExactly(
                            "/lib/modules/6.1.0/extra",
                            "/lib/modules/6.1.0/extra/nd_btt.ko",
                            "/scripts/init-top/webboot",
                            "/init",
                            "/empty-new",
                            "/sbin",
                            "/sbin/webboot",
                            "/dev/pmem0",
                            "/run",
                            "/run/fifo",
                            "/new",
                            "/new/deep",
                            "/new/deep/dir");
            assertThat(initramfs.find("/lib").orElseThrow().type()).isEqualTo(MemberType.SYMLINK);
            assertThat(initramfs.read("/init")).isEqualTo("replaced\n".getBytes(StandardCharsets.UTF_8));
            assertThat(initramfs.read("/lib/modules/6.1.0/extra/nd_btt.ko")).isEqualTo(Files.readAllBytes(module));
            InitramfsMember pmem = initramfs.find("/dev/pmem0").orElseThrow();
            assertThat(pmem.type()).isEqualTo(MemberType.BLOCK_DEVICE);
            assertThat(pmem.deviceMajor()).isEqualTo(259);
            assertThat(pmem.gid()).isEqualTo(6);
            assertThat(pmem.permissions()).isEqualTo(0660);
            InitramfsMember dir = initramfs.find("/new/deep/dir").orElseThrow();
            assertThat(dir.uid()).isEqualTo(1000);
            assertThat(dir.mtime()).isEqualTo(5);

            // GNU cpio: the original archive, then the appended one (decompressed by the real tool), same tree.
            Path appendedBytes = tmp.resolve("appended");
            Files.write(appendedBytes, Arrays.copyOfRange(written, aligned, written.length));
            Path appendedCpio = tmp.resolve("appended.cpio");
            Fixtures.decompress(compression, appendedBytes, appendedCpio);
            Path extracted = tmp.resolve("extracted");
            extract(main, extracted);
            extract(appendedCpio, extracted);
            assertThat(TreeSnapshot.ofInitramfs(initramfs).diff(TreeSnapshot.ofDirectory(extracted)))
                    .isEmpty();
            assertThat(Files.isSymbolicLink(extracted.resolve("lib"))).isTrue();
        }
    }
}
