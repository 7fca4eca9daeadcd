package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.testing.ExternalTools;
import dev.webboot.testing.IsoBuilder;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, items 2 and 8, as a new user met them: a truncated image, a broken El Torito catalog, and the small
 * rough edges of {@code webboot iso}; each compared with what xorriso does on the same image.
 */
class ImageRoughEdgesTest {
    @TempDir
    Path dir;

    private Path iso;

    @BeforeEach
    void buildIso() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree/isolinux"));
        Files.createDirectories(dir.resolve("tree/big"));
        byte[] data = new byte[3_000_000];
        new Random(17).nextBytes(data);
        Files.write(dir.resolve("tree/big/data.bin"), data);
        Files.writeString(tree.resolve("isolinux.cfg"), "default linux\n");
        Files.write(tree.resolve("boot.img"), new byte[2048]);
        iso = IsoBuilder.of(dir.resolve("tree"))
                .options("-b", "isolinux/boot.img", "-no-emul-boot", "-boot-load-size", "4")
                .build(dir.resolve("full.iso"));
    }

    private String xorriso(Path image, String... args) {
        List<String> command = new java.util.ArrayList<>(
                List.of(ExternalTools.require("xorriso", "xorriso").toString(), "-indev", image.toString()));
        command.addAll(List.of(args));
        ExternalTools.Result r = ExternalTools.runAllowingFailure(dir, command.toArray(String[]::new));
        return r.stdoutText() + r.stderr();
    }

    /** The paths xorriso lists in an image, as {@code iso ls -R} prints them. */
    private List<String> xorrisoPaths(Path image) {
        Matcher m = Pattern.compile("'(/[^']+)'$", Pattern.MULTILINE)
                .matcher(xorriso(image, "-find", "/", "-exec", "lsdl"));
        List<String> paths = new java.util.ArrayList<>();
        while (m.find()) {
            if (!m.group(1).startsWith(dir.toString())) { // not xorriso's "-indev" line naming the image itself
                paths.add(m.group(1));
            }
        }
        return paths;
    }

    private static List<String> lsPaths(CliRun.Result r) {
        return r.out().lines().map(l -> l.substring(l.indexOf('/'))).toList();
    }

    @Test
    void aTruncatedImageIsCalledTruncatedAsXorrisoDoes() throws IOException {
        Path cut = dir.resolve("cut.iso");
        try (var in = Files.newInputStream(iso)) {
            Files.write(cut, in.readNBytes(1_000_000));
        }
        // xorriso: "ISO image size 1669s larger than readable size 489s" (2048-byte sectors).
        Matcher warning = Pattern.compile("ISO image size (\\d+)s larger than readable size (\\d+)s")
                .matcher(xorriso(cut));
        assertThat(warning.find()).isTrue();
        long declared = Long.parseLong(warning.group(1)) * 2048;
        assertThat(declared).isEqualTo(Files.size(iso));
        String truncated = cut + ": truncated: the image has 1000000 bytes, its volume declares " + declared;

        CliRun.Result info = CliRun.webboot(dir, "iso", "info", cut.toString());
        assertThat(info.exitCode()).isEqualTo(1);
        assertThat(info.stderr()).isEqualTo("webboot: " + truncated + "\n");
        assertThat(info.out()).contains("size: " + declared + "\n", "imageSize: 1000000\n", "truncated: true\n");

        CliRun.Result json = CliRun.webboot(dir, "iso", "info", cut.toString(), "--json");
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(json.out().lines()).hasSize(1);
        assertThat(json.out())
                .contains("\"size\":" + declared + ",\"imageSize\":1000000,\"truncated\":true")
                .contains("\"error\":\"" + truncated + "\",\"phase\":null");

        // Listing works, as xorriso lists the same files; reading the missing bytes says why.
        CliRun.Result ls = CliRun.webboot(dir, "iso", "ls", "-R", cut.toString());
        assertThat(ls.exitCode()).as(ls.stderr()).isZero();
        assertThat(lsPaths(ls)).containsExactlyInAnyOrderElementsOf(xorrisoPaths(cut));
        CliRun.Result cat = CliRun.webboot(dir, "iso", "cat", cut.toString(), "/big/data.bin");
        assertThat(cat.exitCode()).isEqualTo(1);
        assertThat(cat.stderr()).startsWith("webboot: " + truncated + "; file data lies past its end at byte offset ");
        assertThat(xorriso(
                        cut,
                        "-osirrox",
                        "on",
                        "-extract",
                        "/big/data.bin",
                        dir.resolve("x.bin").toString()))
                .contains("Cannot read all bytes from ISO file '/big/data.bin'");
        CliRun.Result plan = CliRun.webboot(dir, "plan", cut.toString());
        // The planner reads past the end too (where the user saw "lies outside the image of 1000000 bytes").
        assertThat(plan.exitCode()).isEqualTo(1);
        assertThat(plan.stderr()).startsWith("webboot: " + truncated + "; ").doesNotContain("lies outside the image");
    }

    @Test
    void aBrokenBootCatalogDoesNotStopTheListingAndInfoNamesIt() throws IOException {
        Path broken = Files.copy(iso, dir.resolve("broken.iso"));
        long catalog;
        try (RandomAccessFile f = new RandomAccessFile(broken.toFile(), "rw")) {
            byte[] pointer = new byte[4];
            f.seek(17 * 2048 + 71); // the El Torito boot record's catalog pointer
            f.readFully(pointer);
            catalog = ByteBuffer.wrap(pointer).order(ByteOrder.LITTLE_ENDIAN).getInt() * 2048L;
            f.seek(catalog + 28); // the validation entry's checksum
            int b = f.read();
            f.seek(catalog + 28);
            f.write(b ^ 0xff);
        }
        CliRun.Result ls = CliRun.webboot(dir, "iso", "ls", "-R", broken.toString());
        assertThat(ls.exitCode()).as(ls.stderr()).isZero();
        assertThat(lsPaths(ls)).containsExactlyInAnyOrderElementsOf(xorrisoPaths(broken));

        CliRun.Result info = CliRun.webboot(dir, "iso", "info", broken.toString());
        assertThat(info.exitCode()).isEqualTo(1);
        assertThat(info.stderr())
                .isEqualTo("webboot: " + broken
                        + ": El Torito validation entry checksum does not add up to 0 at byte offset " + (catalog + 28)
                        + "\n");
        assertThat(info.out()).contains("elTorito: 0 entries (the catalog cannot be read)\n");
        CliRun.Result json = CliRun.webboot(dir, "iso", "info", "--json", broken.toString());
        assertThat(json.out())
                .contains("\"elTorito\":[],\"bootCatalogProblem\":\"" + broken + ": El Torito validation");
    }

    @Test
    void infoPrintsElToritoAsLinesWithPluralsAsXorrisoReportsIt() {
        CliRun.Result info = CliRun.webboot(dir, "iso", "info", iso.toString());
        assertThat(info.exitCode()).as(info.stderr()).isZero();
        // xorriso: "El Torito boot img :   1  BIOS  y   none  0x0000  0x00      4          34"
        Matcher boot = Pattern.compile("El Torito boot img :\\s+1\\s+BIOS\\s+y\\s+none\\s+\\S+\\s+\\S+\\s+4\\s+(\\d+)")
                .matcher(xorriso(iso, "-report_el_torito", "plain"));
        assertThat(boot.find()).isTrue();
        long lba = Long.parseLong(boot.group(1));
        assertThat(info.out())
                .contains(
                        "elTorito: 1 entry\n  bios, bootable, emulation none: 2048 bytes at byte " + lba * 2048 + "\n")
                .doesNotContain("{");
    }

    @Test
    void infoOnADirectorySaysItIsOne() throws IOException {
        CliRun.Result info =
                CliRun.webboot(dir, "iso", "info", dir.resolve("tree").toString());
        assertThat(info.exitCode()).isEqualTo(1);
        assertThat(info.stderr()).isEqualTo("webboot: " + dir.resolve("tree") + ": is a directory, not an image\n");
    }

    @Test
    void lsEchoesTheNormalPath() {
        CliRun.Result ls = CliRun.webboot(dir, "iso", "ls", iso.toString(), "/../isolinux/./isolinux.cfg");
        assertThat(ls.exitCode()).as(ls.stderr()).isZero();
        assertThat(ls.out()).endsWith(" /isolinux/isolinux.cfg\n");
        CliRun.Result json = CliRun.webboot(dir, "iso", "ls", "--json", iso.toString(), "/big/../isolinux");
        assertThat(json.out()).startsWith("{\"path\":\"/isolinux/");
    }

    @Test
    void extractAgainStopsNamingTheOptionsAndTheyFinishIt() throws IOException {
        Path out = dir.resolve("out");
        CliRun.Result first = CliRun.webboot(dir, "iso", "extract", iso.toString(), "/isolinux", "-o", out.toString());
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.stderr())
                .startsWith("extracted 2 files (2062 bytes), 0 directories, 0 symlinks, 0 hard links");

        CliRun.Result again = CliRun.webboot(dir, "iso", "extract", iso.toString(), "/isolinux", "-o", out.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr())
                .matches("webboot: " + Pattern.quote(out.toString())
                        + "/[a-z.]+: exists; nothing was overwritten \\(--overwrite replaces what exists,"
                        + " --skip-existing keeps it\\)\n");

        Files.writeString(out.resolve("isolinux.cfg"), "changed\n");
        CliRun.Result skip = CliRun.webboot(
                dir, "iso", "extract", iso.toString(), "/isolinux", "-o", out.toString(), "--skip-existing");
        assertThat(skip.exitCode()).as(skip.stderr()).isZero();
        assertThat(skip.stderr()).startsWith("extracted 0 files").contains("; kept 2 entries that existed");
        assertThat(out.resolve("isolinux.cfg")).hasContent("changed");

        CliRun.Result overwrite =
                CliRun.webboot(dir, "iso", "extract", iso.toString(), "/isolinux", "-o", out.toString(), "--overwrite");
        assertThat(overwrite.exitCode()).as(overwrite.stderr()).isZero();
        assertThat(out.resolve("isolinux.cfg")).hasContent("default linux");

        CliRun.Result both = CliRun.webboot(
                dir, "iso", "extract", iso.toString(), "-o", out.toString(), "--overwrite", "--skip-existing");
        assertThat(both.exitCode()).isEqualTo(2);
    }
}
