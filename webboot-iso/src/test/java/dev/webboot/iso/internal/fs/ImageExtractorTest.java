package dev.webboot.iso.internal.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.iso.ExtractionSummary;
import dev.webboot.iso.ImageExtractor;
import dev.webboot.iso.ImageFileSystem;
import dev.webboot.iso.MalformedImageException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageExtractorTest {

    private static ImageFileSystem sample() {
        MemoryTree tree = new MemoryTree();
        var boot = tree.dir(tree.rootNode(), "boot");
        tree.file(boot, "vmlinuz", "kernel");
        tree.link(boot, "escape", "../../../../etc/passwd");
        tree.file(tree.rootNode(), "README", "hello");
        return tree.fileSystem();
    }

    @Test
    void extractsTreesWithModesAndSymlinks(@TempDir Path dir) throws IOException {
        try (ImageFileSystem fs = sample()) {
            ExtractionSummary summary = ImageExtractor.extract(fs.getPath("/"), dir.resolve("out"));
            assertThat(summary).isEqualTo(new ExtractionSummary(1, 2, 1, 0, 0, 11));
            assertThat(Files.readString(dir.resolve("out/boot/vmlinuz"))).isEqualTo("kernel");
            assertThat(Files.readSymbolicLink(dir.resolve("out/boot/escape")).toString())
                    .isEqualTo("../../../../etc/passwd");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("out/README"))))
                    .isEqualTo("rw-r--r--");
            assertThat(Files.getLastModifiedTime(dir.resolve("out/README")).toMillis())
                    .isEqualTo(1_700_000_000_000L);
        }
    }

    @Test
    void extractsOneFileUnderItsName(@TempDir Path dir) throws IOException {
        try (ImageFileSystem fs = sample()) {
            ImageExtractor.extract(fs.getPath("/boot/vmlinuz"), dir);
            assertThat(Files.readString(dir.resolve("vmlinuz"))).isEqualTo("kernel");
        }
    }

    @Test
    void neverWritesThroughAnExistingSymlink(@TempDir Path dir) throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path dest = Files.createDirectories(dir.resolve("dest"));
        Files.createSymbolicLink(dest.resolve("boot"), outside);
        Files.createSymbolicLink(dest.resolve("README"), outside.resolve("README"));
        try (ImageFileSystem fs = sample()) {
            assertThatThrownBy(() -> ImageExtractor.extract(fs.getPath("/"), dest))
                    .isInstanceOf(FileAlreadyExistsException.class);
            assertThatThrownBy(() -> ImageExtractor.extract(fs.getPath("/README"), dest))
                    .isInstanceOf(FileAlreadyExistsException.class);
        }
        try (var listing = Files.list(outside)) {
            assertThat(listing).isEmpty();
        }
        assertThat(Files.exists(outside.resolve("README"), LinkOption.NOFOLLOW_LINKS))
                .isFalse();
    }

    @Test
    void refusesEntriesNamedToClimbOut(@TempDir Path dir) throws IOException {
        MemoryTree tree = new MemoryTree();
        tree.file(tree.rootNode(), "..", "evil");
        try (ImageFileSystem fs = tree.fileSystem()) {
            assertThatThrownBy(() -> ImageExtractor.extract(fs.getPath("/"), dir.resolve("out")))
                    .isInstanceOf(MalformedImageException.class)
                    .hasMessage("memory.img: directory entry with the forbidden name '..'");
        }
        assertThat(dir.resolve("evil")).doesNotExist();
    }
}
