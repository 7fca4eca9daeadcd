package dev.webboot.iso.squashfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.MalformedImageException;
import dev.webboot.iso.internal.fs.ImageNode;
import dev.webboot.iso.internal.squashfs.SquashfsNode;
import dev.webboot.iso.internal.squashfs.SquashfsTree;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrupt images made from real mksquashfs output: each fails with a MalformedImageException naming the offset. */
class SquashfsMalformedTest {
    @TempDir
    Path work;

    private Path smallImage(String... options) throws IOException {
        Path src = Files.createDirectories(work.resolve("src"));
        Files.createDirectories(src.resolve("a/b"));
        for (int i = 0; i < 60; i++) {
            Files.writeString(src.resolve("file" + i), "content " + i + "\n".repeat(i));
        }
        Files.writeString(src.resolve("a/b/deep"), "deep");
        return SquashfsPeer.mksquashfs(src, work.resolve("small-" + options.length + ".sqfs"), options);
    }

    /** Opens, walks and reads every file, as a consumer of an untrusted image would. */
    static void readEverything(Path image) throws IOException {
        try (SquashfsTree tree = SquashfsTree.open(ImageSource.open(image), true)) {
            tree.walk((path, node) -> {
                if (node.layout() instanceof SquashfsNode.Layout.File) {
                    SquashfsPeer.sha256(tree, node);
                }
            });
        }
    }

    private static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(work.resolve(name), bytes);
    }

    @Test
    void truncatedImagesAreRefused() throws IOException {
        byte[] image = Files.readAllBytes(smallImage("-comp", "gzip"));
        long bytesUsed = le(image).getLong(40);
        for (int length : new int[] {0, 4, 95, 96, 200, (int) bytesUsed / 2, (int) bytesUsed - 1}) {
            Path cut = write("cut-" + length, Arrays.copyOf(image, length));
            assertThatThrownBy(() -> readEverything(cut))
                    .as("image cut to %d bytes", length)
                    .isInstanceOf(MalformedImageException.class)
                    .hasMessageContaining(cut.toString());
        }
    }

    @Test
    void tableOffsetsPastTheEndAreRefused() throws IOException {
        byte[] image = Files.readAllBytes(smallImage("-comp", "gzip"));
        long bytesUsed = le(image).getLong(40);
        for (int field : new int[] {48, 64, 72}) {
            byte[] bad = image.clone();
            le(bad).putLong(field, bytesUsed + 4096);
            Path path = write("table-" + field, bad);
            assertThatThrownBy(() -> readEverything(path))
                    .isInstanceOf(MalformedImageException.class)
                    .satisfies(e ->
                            assertThat(((MalformedImageException) e).offset()).isEqualTo(field))
                    .hasMessageContaining("lies outside the image");
        }
        byte[] bad = image.clone();
        le(bad).putLong(40, image.length + 1L);
        Path path = write("bytes-used", bad);
        assertThatThrownBy(() -> readEverything(path))
                .isInstanceOf(MalformedImageException.class)
                .hasMessageContaining("bytes_used");
    }

    @Test
    void metadataBlockLongerThan8KiBIsRefused() throws IOException {
        byte[] image = Files.readAllBytes(smallImage("-comp", "gzip"));
        int inodeTable = (int) le(image).getLong(64);
        le(image).putShort(inodeTable, (short) (0x8000 | 8193));
        Path path = write("long-metadata", image);
        assertThatThrownBy(() -> readEverything(path))
                .isInstanceOf(MalformedImageException.class)
                .hasMessageContaining("metadata block length 8193")
                .satisfies(
                        e -> assertThat(((MalformedImageException) e).offset()).isEqualTo(inodeTable));
    }

    @Test
    void metadataDecompressionBombIsRefused() throws IOException {
        // Uncompressed inodes leave room to plant a small zlib stream that inflates to 1 MiB.
        byte[] image = Files.readAllBytes(smallImage("-comp", "gzip", "-noI"));
        int inodeTable = (int) le(image).getLong(64);
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[1 << 20]);
        deflater.finish();
        byte[] bomb = new byte[4096];
        int n = deflater.deflate(bomb);
        assertThat(deflater.finished()).isTrue();
        le(image).putShort(inodeTable, (short) n); // compressed: bit 15 clear
        System.arraycopy(bomb, 0, image, inodeTable + 2, n);
        Path path = write("bomb", image);
        assertThatThrownBy(() -> readEverything(path))
                .isInstanceOf(MalformedImageException.class)
                .hasMessageContaining("decompresses to more than 8192 bytes")
                .satisfies(
                        e -> assertThat(((MalformedImageException) e).offset()).isEqualTo(inodeTable));
    }

    /** Where a directory's listing starts in an image with uncompressed, single-block directory table. */
    private static int listingOffset(byte[] image, SquashfsNode dir) {
        int dirTable = (int) le(image).getLong(72);
        SquashfsNode.Layout.Directory layout = (SquashfsNode.Layout.Directory) dir.layout();
        assertThat(layout.block()).isZero();
        return dirTable + 2 + layout.offset();
    }

    /**
     * Rewrites the first entry of {@code dir}'s listing to name {@code target} (a directory), keeping its name.
     * The listing's only header must cover that entry.
     */
    private static void pointFirstEntryAt(byte[] image, SquashfsNode dir, SquashfsNode target) {
        int at = listingOffset(image, dir);
        ByteBuffer b = le(image);
        long base = b.getInt(at + 8) & 0xffffffffL;
        b.putInt(at + 4, (int) (target.inodeReference() >>> 16));
        b.putShort(at + 12, (short) (target.inodeReference() & 0xffff));
        b.putShort(at + 14, (short) (target.inodeNumber() - base));
        b.putShort(at + 16, (short) 1);
    }

    @Test
    void directoryEntryPointingAtItsOwnDirectoryIsRefused() throws IOException {
        Path src = Files.createDirectories(work.resolve("loop/a"));
        Files.writeString(src.resolve("x"), "x");
        Path image = SquashfsPeer.mksquashfs(
                src.getParent(), work.resolve("loop.sqfs"), "-noI", "-noD", "-noF", "-noX", "-no-fragments");
        byte[] bytes = Files.readAllBytes(image);
        SquashfsNode a;
        try (SquashfsTree tree = SquashfsTree.open(ImageSource.open(image), true)) {
            a = (SquashfsNode) tree.child(tree.root(), "a").orElseThrow();
        }
        pointFirstEntryAt(bytes, a, a);
        Path bad = write("self.sqfs", bytes);
        try (SquashfsTree tree = SquashfsTree.open(ImageSource.open(bad), true)) {
            ImageNode loopDir = tree.child(tree.root(), "a").orElseThrow();
            assertThatThrownBy(() -> tree.children(loopDir))
                    .isInstanceOf(MalformedImageException.class)
                    .hasMessageContaining("points back at its own directory");
            assertThatThrownBy(() -> tree.child(loopDir, "x"))
                    .isInstanceOf(MalformedImageException.class)
                    .hasMessageContaining("points back at its own directory");
        }
        try (FileSystem fs = FileSystems.newFileSystem(bad)) {
            assertThatThrownBy(() -> {
                        try (Stream<Path> walk = Files.walk(fs.getPath("/"))) {
                            walk.forEach(p -> {});
                        }
                    })
                    .hasRootCauseInstanceOf(MalformedImageException.class);
        }
    }

    @Test
    void directoryCycleThroughASubdirectoryIsRefusedByTheWalk() throws IOException {
        Path src = Files.createDirectories(work.resolve("cycle/a/b"));
        Files.writeString(src.resolve("c"), "c");
        Path image = SquashfsPeer.mksquashfs(
                src.getParent().getParent(), work.resolve("cycle.sqfs"), "-noI", "-noD", "-noF", "-noX");
        byte[] bytes = Files.readAllBytes(image);
        SquashfsNode a;
        SquashfsNode b;
        try (SquashfsTree tree = SquashfsTree.open(ImageSource.open(image), true)) {
            a = (SquashfsNode) tree.child(tree.root(), "a").orElseThrow();
            b = (SquashfsNode) tree.child(a, "b").orElseThrow();
        }
        pointFirstEntryAt(bytes, b, a); // a/b/c now names a
        Path bad = write("cycle-bad.sqfs", bytes);
        try (SquashfsTree tree = SquashfsTree.open(ImageSource.open(bad), true)) {
            assertThatThrownBy(() -> tree.walk((path, node) -> {}))
                    .isInstanceOf(MalformedImageException.class)
                    .hasMessageContaining("directory loop at /a/b/c");
        }
    }

    @Test
    void notSquashfsAtAll() throws IOException {
        Path zeros = write("zeros", new byte[8192]);
        assertThatThrownBy(() -> readEverything(zeros))
                .isInstanceOf(MalformedImageException.class)
                .hasMessageContaining("not a squashfs image");
        byte[] image = Files.readAllBytes(smallImage("-comp", "gzip"));
        le(image).putShort(28, (short) 3);
        Path v3 = write("v3", image);
        assertThatThrownBy(() -> readEverything(v3))
                .isInstanceOf(MalformedImageException.class)
                .hasMessageContaining("version 3.0");
    }
}
