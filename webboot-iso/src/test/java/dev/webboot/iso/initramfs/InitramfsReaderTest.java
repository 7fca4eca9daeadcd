package dev.webboot.iso.initramfs;

import static dev.webboot.iso.initramfs.Fixtures.compress;
import static dev.webboot.iso.initramfs.Fixtures.concatenate;
import static dev.webboot.iso.initramfs.Fixtures.cpio;
import static dev.webboot.iso.initramfs.Fixtures.extract;
import static dev.webboot.testing.ExternalTools.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.iso.MalformedImageException;
import dev.webboot.iso.internal.initramfs.InitramfsPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Initrds made by GNU cpio and the real compressors, read by webboot and extracted by GNU cpio: the same tree. */
class InitramfsReaderTest {
    @TempDir
    Path tmp;

    /** Early microcode (uncompressed newc) followed by the main archive, as Debian and Ubuntu ship them. */
    @ParameterizedTest
    @EnumSource(Compression.class)
    void earlyMicrocodeThenMainArchiveEqualsGnuCpio(Compression compression) throws IOException {
        checkEarlyAndMain(compression, "newc");
    }

    /** The same with the main archive in the crc format (070702), whose checksums are verified. */
    @ParameterizedTest
    @EnumSource(
            value = Compression.class,
            names = {"NONE", "GZIP", "ZSTD"})
    void crcFormatEqualsGnuCpio(Compression compression) throws IOException {
        checkEarlyAndMain(compression, "crc");
    }

    private void checkEarlyAndMain(Compression compression, String format) throws IOException {
        Path early = tmp.resolve("early.cpio");
        cpio(Fixtures.microcodeTree(Files.createDirectories(tmp.resolve("early")), 1), "newc", early);
        Path main = tmp.resolve("main.cpio");
        cpio(Fixtures.mainTree(Files.createDirectories(tmp.resolve("main")), 2), format, main);
        Path mainCompressed = tmp.resolve("main.cpio." + compression.cliName());
        compress(compression, main, mainCompressed);
        Path initrd = tmp.resolve("initrd.img");
        concatenate(initrd, 0, early, mainCompressed);

        Path extracted = tmp.resolve("extracted");
        extract(early, extracted);
        extract(main, extracted);

        try (Initramfs initramfs = Initramfs.open(initrd)) {
            assertThat(initramfs.segments()).hasSize(2);
            InitramfsSegment first = initramfs.segments().get(0);
            InitramfsSegment second = initramfs.segments().get(1);
            assertThat(first.compression()).isEqualTo(Compression.NONE);
            assertThat(first.offset()).isZero();
            assertThat(second.compression()).isEqualTo(compression);
            assertThat(second.offset()).isEqualTo(Files.size(early));
            assertThat(second.uncompressedLength()).isLessThanOrEqualTo(Files.size(main));
            if (compression != Compression.LZ4) {
                // lz4's legacy format has no end marker: the segment runs to the end of the file, as in the kernel.
                // Only the zero padding GNU cpio adds (to 512 bytes) may follow the segment.
                byte[] bytes = Files.readAllBytes(initrd);
                long end = second.offset() + second.length();
                assertThat(end).isLessThanOrEqualTo(bytes.length).isGreaterThan(bytes.length - 512);
                for (long i = end; i < bytes.length; i++) {
                    assertThat(bytes[(int) i]).isZero();
                }
            }
            assertThat(paths(initramfs)).containsExactlyElementsOf(gnuCpioListing(early, main));
            assertThat(initramfs.members())
                    .filteredOn(m -> m.segment() == 1)
                    .allSatisfy(m -> assertThat(m.compression()).isEqualTo(compression));
            assertThat(TreeSnapshot.ofInitramfs(initramfs).diff(TreeSnapshot.ofDirectory(extracted)))
                    .isEmpty();
            InitramfsMember console = initramfs.find("/dev/console").orElseThrow();
            assertThat(console.type()).isEqualTo(MemberType.CHARACTER_DEVICE);
            assertThat(console.deviceMajor()).isEqualTo(5);
            assertThat(console.deviceMinor()).isEqualTo(1);
            assertThat(initramfs.find("/usr/bin/sh").orElseThrow().hardLinkTo()).isEqualTo("/usr/bin/busybox");
            assertThat(initramfs.find("/init").orElseThrow().mtime()).isEqualTo(1_600_000_000L);
            assertThat(initramfs.exists("/lib/modules/6.1.0/modules.dep")).isTrue();
            assertThat(initramfs.exists("/lib/nothing")).isFalse();
        }
    }

    /** Several compressed segments with odd zero padding; later members with the same path win. */
    @Test
    void laterSegmentsReplaceEarlierMembers() throws IOException {
        Path early = tmp.resolve("early.cpio");
        cpio(Fixtures.microcodeTree(Files.createDirectories(tmp.resolve("early")), 1), "newc", early);
        List<Path> archives = new ArrayList<>();
        List<Path> parts = new ArrayList<>(List.of(early));
        Compression[] compressions = {Compression.GZIP, Compression.ZSTD, Compression.XZ, Compression.BZIP2};
        for (int i = 0; i < compressions.length; i++) {
            Path dir = Files.createDirectories(tmp.resolve("layer" + i));
            Files.writeString(dir.resolve("init"), "layer " + i + "\n");
            Files.createDirectories(dir.resolve("conf"));
            Files.writeString(dir.resolve("conf/layer" + i), "only in " + i);
            Path archive = tmp.resolve("layer" + i + ".cpio");
            cpio(dir, "newc", archive);
            archives.add(archive);
            Path compressed = tmp.resolve("layer" + i + ".cpio.c");
            compress(compressions[i], archive, compressed);
            parts.add(compressed);
        }
        Path initrd = tmp.resolve("initrd.img");
        try (var out = Files.newOutputStream(initrd)) {
            for (int i = 0; i < parts.size(); i++) {
                Files.copy(parts.get(i), out);
                out.write(new byte[i == 0 ? 4 : i]); // after a compressed stream any number of zeros is fine
            }
        }
        Path extracted = tmp.resolve("extracted");
        extract(early, extracted);
        for (Path archive : archives) {
            extract(archive, extracted);
        }
        try (Initramfs initramfs = Initramfs.open(initrd)) {
            assertThat(initramfs.segments())
                    .extracting(InitramfsSegment::compression)
                    .containsExactly(
                            Compression.NONE, Compression.GZIP, Compression.ZSTD, Compression.XZ, Compression.BZIP2);
            assertThat(new String(initramfs.read("/init"), StandardCharsets.UTF_8))
                    .isEqualTo("layer 3\n");
            assertThat(initramfs.find("init").orElseThrow().segment()).isEqualTo(4);
            assertThat(initramfs.members())
                    .filteredOn(m -> m.path().equals("/init"))
                    .hasSize(4);
            assertThat(TreeSnapshot.ofInitramfs(initramfs).diff(TreeSnapshot.ofDirectory(extracted)))
                    .isEmpty();
        }
    }

    /** The kernel's "broken padding": after an uncompressed archive the next one must start 4-byte aligned. */
    @Test
    void unalignedArchiveAfterUncompressedOneIsMalformed() throws IOException {
        Path early = tmp.resolve("early.cpio");
        cpio(Fixtures.microcodeTree(Files.createDirectories(tmp.resolve("early")), 1), "newc", early);
        Path main = tmp.resolve("main.cpio");
        cpio(Fixtures.microcodeTree(Files.createDirectories(tmp.resolve("main")), 3), "newc", main);
        Path gz = tmp.resolve("main.cpio.gz");
        compress(Compression.GZIP, main, gz);
        Path initrd = tmp.resolve("initrd.img");
        concatenate(initrd, 1, early, gz);
        assertThatThrownBy(() -> Initramfs.open(initrd))
                .isInstanceOf(MalformedImageException.class)
                .hasMessageContaining("broken padding")
                .satisfies(
                        e -> assertThat(((MalformedImageException) e).offset()).isEqualTo(Files.size(early) + 1));
        concatenate(initrd, 4, early, gz);
        try (Initramfs initramfs = Initramfs.open(initrd)) {
            assertThat(initramfs.segments()).hasSize(2);
        }
    }

    /** An initrd read in place from a byte range of a larger image, as from an ISO on /dev/pmem0. */
    @Test
    void readsAnInitrdInsideAnotherImage() throws IOException {
        Path main = tmp.resolve("main.cpio");
        cpio(Fixtures.microcodeTree(Files.createDirectories(tmp.resolve("main")), 5), "newc", main);
        Path gz = tmp.resolve("main.cpio.gz");
        compress(Compression.GZIP, main, gz);
        byte[] initrd = Files.readAllBytes(gz);
        byte[] image = new byte[initrd.length + 4096 + 1000];
        java.util.Arrays.fill(image, (byte) 0x5a);
        System.arraycopy(initrd, 0, image, 4097, initrd.length);
        Path iso = tmp.resolve("outer.img");
        Files.write(iso, image);
        try (var outer = dev.webboot.iso.ImageSources.open(iso);
                var slice = dev.webboot.iso.ImageSources.slice(outer, 4097, initrd.length, "outer.img!/initrd.gz");
                Initramfs initramfs = Initramfs.open(slice)) {
            assertThat(initramfs.segments())
                    .extracting(InitramfsSegment::compression)
                    .containsExactly(Compression.GZIP);
            assertThat(initramfs.read("/kernel/x86/microcode/GenuineIntel.bin"))
                    .isEqualTo(Files.readAllBytes(tmp.resolve("main/kernel/x86/microcode/GenuineIntel.bin")));
        }
    }

    /** Two uncompressed archives in a row are two segments. */
    @Test
    void concatenatedUncompressedArchivesAreSeparateSegments() throws IOException {
        Path a = tmp.resolve("a.cpio");
        cpio(Fixtures.microcodeTree(Files.createDirectories(tmp.resolve("a")), 1), "newc", a);
        Path b = tmp.resolve("b.cpio");
        cpio(Fixtures.microcodeTree(Files.createDirectories(tmp.resolve("b")), 2), "crc", b);
        Path initrd = tmp.resolve("initrd.img");
        concatenate(initrd, 8, a, b);
        try (Initramfs initramfs = Initramfs.open(initrd)) {
            assertThat(initramfs.segments()).hasSize(2);
            assertThat(initramfs.segments().get(1).offset()).isEqualTo(Files.size(a) + 8);
            byte[] expected = Files.readAllBytes(tmp.resolve("b/kernel/x86/microcode/GenuineIntel.bin"));
            assertThat(initramfs.read("/kernel/x86/microcode/GenuineIntel.bin")).isEqualTo(expected);
        }
    }

    static List<String> paths(Initramfs initramfs) {
        return initramfs.members().stream().map(InitramfsMember::path).toList();
    }

    /** {@code cpio -t} of each archive, trailers excluded, names normalized the way the kernel resolves them. */
    static List<String> gnuCpioListing(Path... archives) {
        List<String> names = new ArrayList<>();
        for (Path archive : archives) {
            String listing = run(archive.getParent(), "sh", "-c", "cpio --quiet -t < " + Fixtures.q(archive))
                    .stdoutText();
            listing.lines().map(InitramfsPaths::normalize).forEach(names::add);
        }
        return names;
    }
}
