package dev.webboot.cli;

import static dev.webboot.testing.ExternalTools.require;
import static dev.webboot.testing.ExternalTools.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.testing.IsoBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code iso} and {@code squashfs} commands against images made by xorriso and mksquashfs. */
class ImageCommandsTest {
    @TempDir
    static Path dir;

    static Path iso;

    @BeforeAll
    static void buildImages() throws IOException {
        String xorriso = require("xorriso", "xorriso").toString();
        String mksquashfs = require("mksquashfs", "squashfs-tools").toString();
        Path root = Files.createDirectories(dir.resolve("root/etc"));
        Files.writeString(root.resolve("os-release"), "NAME=demo\n");
        Files.createSymbolicLink(dir.resolve("root/release"), Path.of("etc/os-release"));
        Path tree = Files.createDirectories(dir.resolve("tree/live"));
        Files.writeString(dir.resolve("tree/README"), "hello\n");
        run(dir, mksquashfs, "root", "tree/live/filesystem.squashfs", "-comp", "gzip", "-quiet", "-no-progress");
        iso = dir.resolve("live.iso");
        IsoBuilder.of(dir.resolve("tree")).joliet().label("DEMO_LIVE").build(iso);
        assertThat(tree.resolve("filesystem.squashfs")).exists();
    }

    @Test
    void infoPrintsTheContractFields() {
        CliRun.Result r = CliRun.webboot(dir, "iso", "info", "--json", iso.toString());
        String uuid = run(
                        dir,
                        require("blkid", "util-linux").toString(),
                        "-p",
                        "-s",
                        "UUID",
                        "-o",
                        "value",
                        iso.toString())
                .stdoutText()
                .strip();
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.out())
                .isEqualTo("{\"label\":\"DEMO_LIVE\",\"uuid\":\"" + uuid + "\",\"size\":" + size(iso)
                        + ",\"imageSize\":" + size(iso) + ",\"truncated\":false"
                        + ",\"rockRidge\":true,\"joliet\":true,\"elTorito\":[],\"bootCatalogProblem\":null"
                        + ",\"hybrid\":\"none\"}\n");
    }

    @Test
    void lsListsTheSubtreeAsJsonLines() {
        CliRun.Result r = CliRun.webboot(dir, "iso", "ls", "-R", "--json", iso.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.out().lines())
                .containsExactlyInAnyOrder(
                        "{\"path\":\"/README\",\"type\":\"file\",\"size\":6}",
                        "{\"path\":\"/live\",\"type\":\"dir\",\"size\":2048}",
                        "{\"path\":\"/live/filesystem.squashfs\",\"type\":\"file\",\"size\":"
                                + size(dir.resolve("tree/live/filesystem.squashfs")) + "}");
    }

    @Test
    void catWritesTheExactBytesAndReadsSquashfsInsideTheIso() throws IOException {
        CliRun.Result squash = CliRun.webboot(dir, "iso", "cat", iso.toString(), "/live/filesystem.squashfs");
        assertThat(squash.stdout()).isEqualTo(Files.readAllBytes(dir.resolve("tree/live/filesystem.squashfs")));
        CliRun.Result inner = CliRun.webboot(dir, "squashfs", "cat", iso + "!/live/filesystem.squashfs", "/release");
        assertThat(inner.exitCode()).as(inner.stderr()).isZero();
        assertThat(inner.out()).isEqualTo("NAME=demo\n");
        CliRun.Result ls = CliRun.webboot(dir, "squashfs", "ls", "--json", iso + "!/live/filesystem.squashfs");
        assertThat(ls.out().lines())
                .containsExactlyInAnyOrder(
                        "{\"path\":\"/etc\",\"type\":\"dir\",\"size\":" + squashDirSize() + "}",
                        "{\"path\":\"/release\",\"type\":\"symlink\",\"size\":14,\"target\":\"etc/os-release\"}");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The directory size squashfs records (what {@code unsquashfs -lls} prints for /etc). */
    private static String squashDirSize() {
        String listing = run(
                        dir,
                        require("unsquashfs", "squashfs-tools").toString(),
                        "-lls",
                        dir.resolve("tree/live/filesystem.squashfs").toString())
                .stdoutText();
        return listing.lines()
                .filter(l -> l.endsWith("squashfs-root/etc"))
                .findFirst()
                .orElseThrow()
                .trim()
                .split("\\s+")[2];
    }

    @Test
    void extractWritesTheTreeAndNeverOverwrites() throws IOException {
        Path out = dir.resolve("out-" + System.nanoTime());
        CliRun.Result r = CliRun.webboot(dir, "iso", "extract", iso.toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(Files.readString(out.resolve("README"))).isEqualTo("hello\n");
        assertThat(r.stderr()).contains("extracted 2 files");
        CliRun.Result again = CliRun.webboot(dir, "iso", "extract", iso.toString(), "/README", "-o", out.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr())
                .isEqualTo("webboot: " + out.resolve("README") + ": exists; nothing was overwritten (--overwrite"
                        + " replaces what exists, --skip-existing keeps it)\n");
    }

    @Test
    void failuresAreOneSentenceWithStatusOne() throws IOException {
        Path truncated = dir.resolve("truncated.iso");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(iso), 34000));
        CliRun.Result r = CliRun.webboot(dir, "iso", "ls", truncated.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("webboot: " + truncated + ": ").endsWith("\n");
        assertThat(r.stderr().lines()).hasSize(1);
        CliRun.Result missing = CliRun.webboot(dir, "iso", "cat", iso.toString(), "/nope");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr().lines()).hasSize(1);
        CliRun.Result notIso =
                CliRun.webboot(dir, "iso", "info", dir.resolve("tree/README").toString());
        assertThat(notIso.exitCode()).isEqualTo(1);
        assertThat(notIso.stderr()).startsWith("webboot: " + dir.resolve("tree/README"));
    }

    @Test
    void usageErrorsHaveStatusTwo() {
        assertThat(CliRun.webboot(dir, "iso", "ls").exitCode()).isEqualTo(2);
        assertThat(CliRun.webboot(dir, "iso", "extract", iso.toString()).exitCode())
                .isEqualTo(2);
        assertThat(CliRun.webboot(dir, "--no-such-option").exitCode()).isEqualTo(2);
        CliRun.Result help = CliRun.webboot(dir, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("iso", "squashfs");
        assertThat(help.stderr().getBytes(StandardCharsets.UTF_8)).isEmpty();
    }
}
