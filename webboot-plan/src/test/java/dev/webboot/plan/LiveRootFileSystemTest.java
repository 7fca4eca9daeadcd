package dev.webboot.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.iso.iso9660.Iso9660FileSystem;
import dev.webboot.testing.ExternalTools;
import dev.webboot.testing.IsoBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which images of an ISO {@link LiveRootFileSystem} tries, on ISOs made by xorriso, and its modules lookup. */
class LiveRootFileSystemTest {
    @TempDir
    Path dir;

    private Path iso(Path tree) {
        Path iso = dir.resolve("test.iso");
        IsoBuilder.of(tree).build(iso);
        return iso;
    }

    private static void touch(Path tree, String path) throws IOException {
        Path p = tree.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "x");
    }

    @Test
    void layeredCasperImagesAreTriedSmallestLayerFirst() throws IOException {
        Path tree = dir.resolve("ubuntu");
        for (String p : List.of(
                "casper/minimal.standard.live.squashfs",
                "casper/minimal.standard.squashfs",
                "casper/minimal.squashfs",
                "casper/minimal.squashfs.gpg",
                "casper/filesystem.manifest",
                "casper/vmlinuz")) {
            touch(tree, p);
        }
        try (Iso9660FileSystem fs = Iso9660FileSystem.open(iso(tree))) {
            assertThat(LiveRootFileSystem.candidates(fs.getPath("/")).stream().map(Path::toString))
                    .containsExactly(
                            "/casper/minimal.squashfs",
                            "/casper/minimal.standard.live.squashfs",
                            "/casper/minimal.standard.squashfs");
        }
    }

    @Test
    void knownImagesComeBeforeOthers() throws IOException {
        Path tree = dir.resolve("mixed");
        for (String p : List.of(
                "arch/x86_64/airootfs.sfs",
                "arch/x86_64/a-extra.sfs",
                "LiveOS/squashfs.img",
                "live/filesystem.squashfs",
                "live/extra.squashfs",
                "boot/vmlinuz")) {
            touch(tree, p);
        }
        try (Iso9660FileSystem fs = Iso9660FileSystem.open(iso(tree))) {
            assertThat(LiveRootFileSystem.candidates(fs.getPath("/")).stream().map(Path::toString))
                    .containsExactly(
                            "/live/filesystem.squashfs",
                            "/arch/x86_64/airootfs.sfs",
                            "/LiveOS/squashfs.img",
                            "/live/extra.squashfs",
                            "/arch/x86_64/a-extra.sfs");
        }
    }

    @Test
    void modulesDirectoryOfASquashfsMadeByMksquashfs() throws IOException {
        Path root = dir.resolve("rootfs");
        Files.createDirectories(root.resolve("usr/lib/modules/6.1.0-9-amd64/kernel"));
        Files.createSymbolicLink(root.resolve("lib"), Path.of("usr/lib"));
        Path tree = Files.createDirectories(dir.resolve("iso/live"));
        ExternalTools.run(
                dir,
                ExternalTools.require("mksquashfs", "squashfs-tools").toString(),
                root.toString(),
                tree.resolve("filesystem.squashfs").toString(),
                "-noappend",
                "-quiet",
                "-no-progress");
        try (Iso9660FileSystem fs = Iso9660FileSystem.open(iso(tree.getParent()));
                LiveRootFileSystem live = LiveRootFileSystem.open(fs.getPath("/live/filesystem.squashfs"))) {
            assertThat(live.isEmbedded()).isFalse();
            assertThat(live.name()).endsWith("test.iso!/live/filesystem.squashfs");
            assertThat(live.modulesDirectory("6.1.0-9-amd64").map(Path::toString))
                    .contains("/lib/modules/6.1.0-9-amd64");
            assertThat(live.modulesDirectory("").map(p -> p.getFileName().toString()))
                    .contains("6.1.0-9-amd64");
            assertThat(live.modulesDirectory("6.1.0-10-amd64")).isEmpty();
        }
    }
}
