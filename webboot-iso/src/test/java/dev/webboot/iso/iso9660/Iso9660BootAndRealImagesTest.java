package dev.webboot.iso.iso9660;

import static dev.webboot.iso.iso9660.IsoTestSupport.assertSameAsXorriso;
import static dev.webboot.iso.iso9660.IsoTestSupport.openTree;
import static dev.webboot.iso.iso9660.IsoTestSupport.xorriso;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.ImageSources;
import dev.webboot.iso.internal.iso9660.IsoTree;
import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** El Torito catalogs and volume facts, compared with {@code xorriso -report_el_torito} and {@code blkid}. */
class Iso9660BootAndRealImagesTest {
    @TempDir(factory = MemoryTempDirFactory.class)
    Path work;

    /** One "El Torito boot img" line of {@code xorriso -report_el_torito plain}: platform, emulation, size, LBA. */
    record ReportedEntry(String platform, String emulation, int loadSegment, int sectorCount, long lba) {}

    static List<ReportedEntry> xorrisoReport(Path image) {
        String report = ExternalTools.run(
                        image.getParent(),
                        xorriso().toString(),
                        "-indev",
                        "stdio:" + image,
                        "-report_el_torito",
                        "plain")
                .stdoutText();
        List<ReportedEntry> entries = new ArrayList<>();
        for (String line : report.split("\n")) {
            if (!line.startsWith("El Torito boot img :")) {
                continue;
            }
            // N Pltf B Emul Ld_seg Hdpt Ldsiz LBA
            String[] f = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
            entries.add(new ReportedEntry(
                    f[1].toLowerCase(Locale.ROOT),
                    f[3],
                    Integer.decode(f[4]),
                    Integer.parseInt(f[6]),
                    Long.parseLong(f[7])));
        }
        return entries;
    }

    static List<ReportedEntry> ours(IsoVolume volume) {
        return volume.bootEntries().stream()
                .map(e -> new ReportedEntry(
                        e.platform().id(),
                        e.emulation().id(),
                        e.loadSegment(),
                        e.sectorCount(),
                        e.imageOffset() / volume.logicalBlockSize()))
                .toList();
    }

    @Test
    void biosAndUefiEntries() throws IOException {
        Path src = Files.createDirectories(work.resolve("src/boot"));
        byte[] bios = new byte[2048];
        new Random(7).nextBytes(bios);
        Files.write(src.resolve("bios.img"), bios);
        Path efi = src.resolve("efi.img");
        ExternalTools.run(
                work, ExternalTools.require("mkfs.vfat", "dosfstools").toString(), "-C", efi.toString(), "2880");
        Files.writeString(work.resolve("src/readme.txt"), "bootable\n");
        Path image = work.resolve("boot.iso");
        ExternalTools.run(
                work,
                xorriso().toString(),
                "-as",
                "mkisofs",
                "-R",
                "-J",
                "-V",
                "BOOTME",
                "-b",
                "boot/bios.img",
                "-no-emul-boot",
                "-boot-load-size",
                "4",
                "-eltorito-alt-boot",
                "-e",
                "boot/efi.img",
                "-no-emul-boot",
                "-o",
                image.toString(),
                work.resolve("src").toString());
        assertSameAsXorriso(image, work);
        IsoVolume volume = read(image);
        assertThat(ours(volume)).isEqualTo(xorrisoReport(image)).hasSize(2);
        ElToritoEntry biosEntry = volume.bootEntries().get(0);
        ElToritoEntry uefiEntry = volume.bootEntries().get(1);
        assertThat(biosEntry.platform()).isEqualTo(ElToritoEntry.Platform.BIOS);
        assertThat(biosEntry.imageLength()).isEqualTo(2048);
        assertThat(uefiEntry.platform()).isEqualTo(ElToritoEntry.Platform.UEFI);
        assertThat(uefiEntry.imageLength()).isEqualTo(Files.size(efi));
        try (ImageSource source = ImageSources.open(image);
                ImageSource biosImage =
                        ImageSources.slice(source, biosEntry.imageOffset(), biosEntry.imageLength(), "bios");
                ImageSource efiImage =
                        ImageSources.slice(source, uefiEntry.imageOffset(), uefiEntry.imageLength(), "efi")) {
            assertThat(read(biosImage)).isEqualTo(bios);
            assertThat(read(efiImage)).isEqualTo(Files.readAllBytes(efi));
        }
        assertThat(volume.uuid()).isEqualTo(IsoTestSupport.blkid(image, "UUID"));
        assertThat(volume.label())
                .isEqualTo(IsoTestSupport.blkid(image, "LABEL"))
                .isEqualTo("BOOTME");
        try (Iso9660FileSystem iso = Iso9660FileSystem.open(image);
                ImageSource efiImage = iso.bootImage(iso.volume().bootEntries().get(1))) {
            assertThat(read(efiImage)).isEqualTo(Files.readAllBytes(efi));
        }
    }

    /** A UEFI image larger than a 16-bit sector count can say: the FAT boot sector gives its size. */
    @Test
    void uefiImageLengthComesFromTheFatBootSector() throws IOException {
        Path src = Files.createDirectories(work.resolve("big/boot"));
        Path efi = src.resolve("efi.img");
        // 40 MiB: more than 65535 sectors of 512 bytes, so the catalog cannot state its size.
        ExternalTools.run(
                work, ExternalTools.require("mkfs.vfat", "dosfstools").toString(), "-C", efi.toString(), "40960");
        Path image = work.resolve("bigefi.iso");
        ExternalTools.run(
                work,
                xorriso().toString(),
                "-as",
                "mkisofs",
                "-R",
                "-e",
                "boot/efi.img",
                "-no-emul-boot",
                "-append_partition",
                "2",
                "0xef",
                efi.toString(),
                "-appended_part_as_gpt",
                "-o",
                image.toString(),
                work.resolve("big").toString());
        IsoVolume volume = read(image);
        // The appended EFI partition makes the system area a GPT.
        assertThat(volume.hybrid())
                .isEqualTo(IsoTestSupport.blkid(image, "PTTYPE"))
                .isEqualTo("gpt");
        assertThat(ours(volume)).isEqualTo(xorrisoReport(image));
        ElToritoEntry entry = volume.bootEntries().get(0);
        assertThat((long) entry.sectorCount() * 512).isLessThan(Files.size(efi));
        assertThat(entry.imageLength()).isEqualTo(Files.size(efi));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipxe.iso", "grub-rescue-cdrom.iso"})
    void realDebianImages(String name) throws IOException {
        Path image = work.resolve(name);
        Files.copy(IsoTestSupport.fixture(name), image);
        assertThat(assertSameAsXorriso(image, work)).isNotEmpty();
        try (IsoTree iso = openTree(image)) {
            IsoVolume volume = iso.volume();
            assertThat(ours(volume)).isEqualTo(xorrisoReport(image)).isNotEmpty();
            assertThat(volume.uuid()).isEqualTo(IsoTestSupport.blkid(image, "UUID"));
            assertThat(volume.label()).isEqualTo(IsoTestSupport.blkid(image, "LABEL"));
            String pttype = IsoTestSupport.blkidAllowingNone(image, "PTTYPE");
            assertThat(volume.hybrid()).isEqualTo(pttype.equals("dos") ? "mbr" : pttype.isEmpty() ? "none" : pttype);
        }
    }

    private static IsoVolume read(Path image) throws IOException {
        try (ImageSource source = ImageSources.open(image)) {
            return IsoVolume.read(source);
        }
    }

    private static byte[] read(ImageSource source) throws IOException {
        byte[] bytes = new byte[Math.toIntExact(source.size())];
        source.readFully(ByteBuffer.wrap(bytes), 0);
        return Arrays.copyOf(bytes, bytes.length);
    }
}
