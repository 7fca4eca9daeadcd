package dev.webboot.iso.squashfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.ImageSources;
import dev.webboot.iso.internal.fs.ImageNode;
import dev.webboot.iso.internal.squashfs.SquashfsNode;
import dev.webboot.iso.internal.squashfs.SquashfsTree;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large directories, images inside other images, seeking, and reading only what a file needs. */
class SquashfsLayoutTest {
    @TempDir
    Path work;

    @Test
    void largeDirectoryIsListedAndSearchedThroughItsIndex() throws IOException {
        Path src = work.resolve("src");
        Path big = Files.createDirectories(src.resolve("big"));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            // Names of varying length, so headers and index entries fall at irregular places.
            String name = "entry-" + i + "-" + "n".repeat(i % 37);
            names.add(name);
            if (i % 500 == 0) {
                Files.createDirectory(big.resolve(name));
            } else {
                Files.writeString(big.resolve(name), Integer.toString(i));
            }
        }
        Path image = SquashfsPeer.mksquashfs(src, work.resolve("big.sqfs"), "-comp", "gzip", "-b", "4K");
        SquashfsTrees.assertSameAsUnsquashfs(image, work);

        try (SquashfsTree tree = SquashfsTree.open(ImageSource.open(image), true)) {
            SquashfsNode dir = (SquashfsNode) tree.child(tree.root(), "big").orElseThrow();
            SquashfsNode.Layout.Directory layout = (SquashfsNode.Layout.Directory) dir.layout();
            assertThat(layout.indexCount())
                    .as("mksquashfs indexes a listing spanning many blocks")
                    .isGreaterThan(5);
            List<ImageNode> children = tree.children(dir);
            assertThat(children).hasSize(5000);
            for (ImageNode child : children) {
                assertThat(tree.child(dir, child.name())).as(child.name()).contains(child);
            }
            for (String absent :
                    List.of("", "a", "entry-", "entry-4999-nnnnnnnnnnnnnx", "zzz", "entry-10-nnnnnnnnnn-x")) {
                assertThat(tree.child(dir, absent)).as(absent).isEmpty();
            }
        }
    }

    @Test
    void readsAnImageInsideAnotherOneInPlace() throws IOException {
        Path src = SquashfsTrees.richTree(work.resolve("tree"));
        Path image = SquashfsPeer.mksquashfs(src, work.resolve("inner.sqfs"), "-comp", "zstd");
        byte[] inner = Files.readAllBytes(image);
        Path outer = work.resolve("outer.bin");
        byte[] padding = new byte[12345];
        new Random(1).nextBytes(padding);
        Files.write(outer, padding);
        Files.write(outer, inner, StandardOpenOption.APPEND);
        Files.write(outer, padding, StandardOpenOption.APPEND);

        try (ImageSource whole = ImageSource.open(outer);
                SquashfsTree fromSlice = SquashfsTree.open(
                        ImageSources.slice(whole, padding.length, inner.length, "outer.bin!/inner.sqfs"), false);
                SquashfsTree direct = SquashfsTree.open(ImageSource.open(image), true)) {
            assertThat(describeAll(fromSlice)).isEqualTo(describeAll(direct));
            SquashfsNode big = SquashfsPeer.read(fromSlice).get("/sub/deeper/big.bin");
            assertThat(SquashfsPeer.sha256(fromSlice, big))
                    .isEqualTo(SquashfsPeer.sha256(src.resolve("sub/deeper/big.bin")));
        }
    }

    private static java.util.Map<String, SquashfsPeer.Entry> describeAll(SquashfsTree tree) throws IOException {
        java.util.Map<String, SquashfsPeer.Entry> result = new java.util.TreeMap<>();
        for (var e : SquashfsPeer.read(tree).entrySet()) {
            result.put(e.getKey(), SquashfsPeer.describe(tree, e.getValue()));
        }
        return result;
    }

    @Test
    void seeksBackwardsAndForwardsAcrossBlocks() throws IOException {
        Path src = Files.createDirectories(work.resolve("seek"));
        byte[] content = new byte[3 * 1024 * 1024 + 777];
        new Random(7).nextBytes(content);
        Files.write(src.resolve("f"), content);
        Path image = SquashfsPeer.mksquashfs(src, work.resolve("seek.sqfs"), "-comp", "lz4", "-b", "4K");
        try (SquashfsTree tree = SquashfsTree.open(ImageSource.open(image), true);
                SeekableByteChannel channel =
                        tree.open(tree.child(tree.root(), "f").orElseThrow())) {
            Random random = new Random(3);
            for (int i = 0; i < 300; i++) {
                int at = random.nextInt(content.length);
                int len = Math.min(random.nextInt(10000) + 1, content.length - at);
                ByteBuffer buffer = ByteBuffer.allocate(len);
                channel.position(at);
                while (buffer.hasRemaining() && channel.read(buffer) > 0) {}
                assertThat(buffer.array())
                        .as("bytes at %d", at)
                        .isEqualTo(java.util.Arrays.copyOfRange(content, at, at + len));
            }
            channel.position(content.length);
            assertThat(channel.read(ByteBuffer.allocate(1))).isEqualTo(-1);
        }
    }

    @Test
    void readingOneFileTouchesOnlyItsBlocks() throws IOException {
        Path src = Files.createDirectories(work.resolve("touch"));
        byte[] filler = new byte[24 * 1024 * 1024];
        new Random(9).nextBytes(filler);
        Files.write(src.resolve("huge.bin"), filler);
        Files.writeString(src.resolve("wanted.txt"), "only this\n".repeat(20000));
        Path image = SquashfsPeer.mksquashfs(src, work.resolve("touch.sqfs"), "-comp", "xz");
        CountingSource counting = new CountingSource(ImageSource.open(image));
        try (SquashfsTree tree = SquashfsTree.open(counting, true)) {
            SquashfsNode wanted =
                    (SquashfsNode) tree.child(tree.root(), "wanted.txt").orElseThrow();
            assertThat(SquashfsPeer.sha256(tree, wanted)).isEqualTo(SquashfsPeer.sha256(src.resolve("wanted.txt")));
        }
        assertThat(counting.bytesRead())
                .as("bytes read from a %d-byte image", Files.size(image))
                .isLessThan(64 * 1024);
    }
}
