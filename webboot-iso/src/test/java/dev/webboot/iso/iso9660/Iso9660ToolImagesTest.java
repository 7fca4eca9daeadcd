package dev.webboot.iso.iso9660;

import static dev.webboot.iso.iso9660.IsoTestSupport.assertSameAsXorriso;
import static dev.webboot.iso.iso9660.IsoTestSupport.openTree;
import static dev.webboot.iso.iso9660.IsoTestSupport.xorriso;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.iso.internal.fs.ImageNode;
import dev.webboot.iso.internal.fs.NodeType;
import dev.webboot.iso.internal.iso9660.IsoTree;
import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images made by xorriso and genisoimage from one source tree (deep directories, long names, symlinks, hard links,
 * empty files, 3000 entries in one directory), read by webboot and compared with what xorriso extracts.
 */
class Iso9660ToolImagesTest {
    @TempDir(factory = MemoryTempDirFactory.class)
    static Path work;

    static Path tree;

    @BeforeAll
    static void buildTree() throws IOException {
        tree = work.resolve("tree");
        Random random = new Random(42);
        Path deep = tree.resolve("deep");
        for (int level = 1; level <= 12; level++) {
            deep = deep.resolve("level" + level);
        }
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("bottom.txt"), "twelve levels down\n");
        Files.writeString(tree.resolve("deep/level1/level2/level3/level4/level5/level6/level7/level8/l8.txt"), "8\n");
        String longName = "long-" + "n".repeat(246) + ".txt"; // 255 bytes: NAME_MAX
        Files.writeString(tree.resolve(longName), "a name of " + longName.length() + " bytes\n");
        Path longDir = Files.createDirectories(tree.resolve("dir-" + "d".repeat(200)));
        Files.writeString(longDir.resolve("inside"), "inside a long-named directory\n");
        Files.createDirectories(tree.resolve("links"));
        Files.writeString(tree.resolve("links/target.txt"), "the target\n");
        Files.createSymbolicLink(tree.resolve("links/relative"), Path.of("target.txt"));
        Files.createSymbolicLink(tree.resolve("links/up"), Path.of("../deep/level1"));
        Files.createSymbolicLink(tree.resolve("links/absolute"), Path.of("/etc/os-release"));
        Files.createSymbolicLink(tree.resolve("links/dangling"), Path.of("no/such/" + "x".repeat(180) + "/file"));
        Files.createSymbolicLink(tree.resolve("links/dot"), Path.of("./././target.txt"));
        byte[] shared = new byte[100_000];
        random.nextBytes(shared);
        Files.write(tree.resolve("links/hard-a"), shared);
        Files.createLink(tree.resolve("links/hard-b"), tree.resolve("links/hard-a"));
        Files.createDirectories(tree.resolve("empty-dir"));
        ExternalTools.run(work, "mkfifo", tree.resolve("links/fifo").toString());
        Files.setLastModifiedTime(
                tree.resolve("links/target.txt"), java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        Files.createFile(tree.resolve("empty-1"));
        Files.createFile(tree.resolve("empty-dir-sibling.empty"));
        byte[] middle = new byte[3 * 2048 + 17];
        random.nextBytes(middle);
        Files.write(tree.resolve("Mixed.Case;Name.BIN"), middle);
        Path many = Files.createDirectories(tree.resolve("many"));
        for (int i = 0; i < 3000; i++) {
            Files.writeString(many.resolve(String.format("entry-%04d.txt", i)), "entry " + i + "\n");
        }
    }

    private static Path xorrisoImage(String name, String... options) {
        Path image = work.resolve(name);
        List<String> command = new ArrayList<>(List.of(xorriso().toString(), "-as", "mkisofs"));
        command.addAll(List.of(options));
        command.addAll(List.of("-o", image.toString(), tree.toString()));
        ExternalTools.run(work, command.toArray(String[]::new));
        return image;
    }

    private static Path genisoimage(String name, String... options) {
        Path image = work.resolve(name);
        List<String> command = new ArrayList<>(
                List.of(ExternalTools.require("genisoimage", "genisoimage").toString(), "-quiet"));
        command.addAll(List.of(options));
        command.addAll(List.of("-o", image.toString(), tree.toString()));
        ExternalTools.run(work, command.toArray(String[]::new));
        return image;
    }

    @Test
    void xorrisoRockRidgeJolietLevel3() throws IOException {
        Path image = xorrisoImage("rr.iso", "-R", "-J", "-joliet-long", "-iso-level", "3", "--hardlinks", "-V", "ROCK");
        Map<String, IsoTestSupport.Entry> entries = assertSameAsXorriso(image, work);
        assertThat(entries).hasSizeGreaterThan(3000);
        assertThat(entries.get("/links/absolute").target()).isEqualTo("/etc/os-release");
        assertThat(entries).containsKey("/long-" + "n".repeat(246) + ".txt");
        try (IsoTree iso = openTree(image)) {
            assertThat(iso.volume().rockRidge()).isTrue();
            assertThat(iso.volume().joliet()).isTrue();
            ImageNode links = iso.child(iso.root(), "links").orElseThrow();
            ImageNode a = iso.child(links, "hard-a").orElseThrow();
            ImageNode b = iso.child(links, "hard-b").orElseThrow();
            ImageNode target = iso.child(links, "target.txt").orElseThrow();
            assertThat(a.fileKey()).isEqualTo(b.fileKey()).isNotEqualTo(target.fileKey());
            // With --hardlinks, xorriso records inode numbers in PX (RRIP 1.12): the key is the inode.
            assertThat(((dev.webboot.iso.internal.iso9660.IsoNode) a).fileKey().kind())
                    .isEqualTo('i');
            assertThat(a.linkCount()).isEqualTo(2);
            assertThat(iso.child(links, "fifo").orElseThrow().type()).isEqualTo(NodeType.FIFO);
            assertThat(target.lastModifiedTime().toMillis()).isEqualTo(1_000_000_000_000L);
            assertDistinctDirectoryKeys(iso);
        }
    }

    @Test
    void genisoimageJolietOnly() throws IOException {
        // xorriso's mkisofs emulation always writes Rock Ridge, so genisoimage makes the Joliet-only image.
        Path image = genisoimage("joliet.iso", "-J", "-joliet-long", "-iso-level", "3");
        assertSameAsXorriso(image, work);
        try (IsoTree iso = openTree(image)) {
            assertThat(iso.volume().rockRidge()).isFalse();
            assertThat(iso.volume().joliet()).isTrue();
            // Joliet keeps the case that plain ISO 9660 names lose.
            assertThat(iso.children(iso.root())).extracting(ImageNode::name).anyMatch(n -> n.startsWith("Mixed.Case"));
            assertDistinctDirectoryKeys(iso);
        }
    }

    @Test
    void genisoimageRelocatesDeepDirectories() throws IOException {
        Path image = genisoimage("relocated.iso", "-R", "-iso-level", "3");
        assertSameAsXorriso(image, work);
        try (IsoTree iso = openTree(image)) {
            assertThat(iso.volume().rockRidge()).isTrue();
            ImageNode node = iso.root();
            for (String name :
                    "deep level1 level2 level3 level4 level5 level6 level7 level8 level9 level10 level11 level12"
                            .split(" ")) {
                node = iso.child(node, name).orElseThrow();
                assertThat(node.type()).isEqualTo(NodeType.DIRECTORY);
            }
            assertThat(iso.child(node, "bottom.txt")).isPresent();
            assertDistinctDirectoryKeys(iso);
        }
        // The relocation really happened: the plain ISO 9660 tree holds the relocated copy under RR_MOVED.
        String plain = ExternalTools.run(
                        work, ExternalTools.require("isoinfo", "genisoimage").toString(), "-i", image.toString(), "-f")
                .stdoutText();
        assertThat(plain).contains("/RR_MOVED/");
        // ... and, as Linux and xorriso show it, rr_moved itself remains, empty.
        try (IsoTree iso = openTree(image)) {
            assertThat(iso.children(iso.child(iso.root(), "rr_moved").orElseThrow()))
                    .isEmpty();
        }
    }

    @Test
    void plainIsoNamesAreShownAsLinuxShowsThem() throws IOException {
        Path image = genisoimage("plain.iso", "-iso-level", "3");
        Path out = work.resolve("plain-extracted");
        Map<String, IsoTestSupport.Entry> extracted = IsoTestSupport.extractWithXorriso(image, out);
        Map<String, IsoTestSupport.Entry> expected = new java.util.TreeMap<>();
        // xorriso keeps the upper-case ISO 9660 names (without ";1"); Linux lower-cases them.
        extracted.forEach((path, entry) -> expected.put(path.toLowerCase(java.util.Locale.ROOT), entry));
        try (IsoTree iso = openTree(image)) {
            assertThat(iso.volume().rockRidge()).isFalse();
            assertThat(iso.volume().joliet()).isFalse();
            assertThat(IsoTestSupport.snapshot(iso)).isEqualTo(expected);
            for (ImageNode child : iso.children(iso.root())) {
                assertThat(child.name())
                        .doesNotContain(";1")
                        .isEqualTo(child.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    /** zisofs (Rock Ridge ZF): files compressed by xorriso's --zisofs filter read back uncompressed, as Linux does. */
    @Test
    void zisofsCompressedFiles() throws IOException {
        Path src = Files.createDirectories(work.resolve("zisofs-src/sub"));
        StringBuilder numbers = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            numbers.append(i).append('\n');
        }
        Files.writeString(src.resolve("numbers.txt"), numbers);
        byte[] random = new byte[100_000];
        new Random(3).nextBytes(random);
        Files.write(work.resolve("zisofs-src/random.bin"), random);
        Files.write(work.resolve("zisofs-src/zeros"), new byte[3 * 32768 + 5]);
        Files.createFile(work.resolve("zisofs-src/empty"));
        Path image = work.resolve("zisofs.iso");
        ExternalTools.run(
                work,
                xorriso().toString(),
                "-outdev",
                "stdio:" + image,
                "-map",
                work.resolve("zisofs-src").toString(),
                "/",
                "-set_filter_r",
                "--zisofs",
                "/",
                "--",
                "-commit");
        Map<String, IsoTestSupport.Entry> entries = assertSameAsXorriso(image, work);
        assertThat(entries.get("/sub/numbers.txt").size()).isEqualTo(numbers.length());
        // The files really are stored compressed: the image is smaller than the numbers alone.
        assertThat(Files.size(image)).isLessThan(numbers.length());
    }

    /** Device files (Rock Ridge PN): xorriso maps the host's /dev/null and /dev/zero without needing mknod. */
    @Test
    void deviceNumbersMatchXorrisoListing() throws IOException {
        Path image = work.resolve("devices.iso");
        ExternalTools.run(
                work,
                xorriso().toString(),
                "-outdev",
                "stdio:" + image,
                "-map",
                "/dev/null",
                "/null",
                "-map",
                "/dev/zero",
                "/zero",
                "-commit");
        String listing = ExternalTools.run(
                        work,
                        xorriso().toString(),
                        "-indev",
                        "stdio:" + image,
                        "-find",
                        "/",
                        "-type",
                        "c",
                        "-exec",
                        "lsdl")
                .stdoutText();
        java.util.Map<String, Long> expected = new java.util.TreeMap<>();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(\\d+),(\\d+) .* '/([^']+)'").matcher(listing);
        while (m.find()) {
            expected.put(m.group(3), Long.parseLong(m.group(1)) << 32 | Long.parseLong(m.group(2)));
        }
        assertThat(expected).containsOnlyKeys("null", "zero");
        try (IsoTree iso = openTree(image)) {
            java.util.Map<String, Long> actual = new java.util.TreeMap<>();
            for (ImageNode node : iso.children(iso.root())) {
                assertThat(node.type()).isEqualTo(NodeType.CHARACTER_DEVICE);
                actual.put(node.name(), node.deviceNumber());
            }
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void volumeFactsMatchBlkid() throws IOException {
        Path image = xorrisoImage("label.iso", "-R", "-J", "-V", "A_VOLUME_LABEL_LONGER_THAN_16");
        try (IsoTree iso = openTree(image)) {
            IsoVolume volume = iso.volume();
            assertThat(volume.uuid())
                    .isEqualTo(IsoTestSupport.blkid(image, "UUID"))
                    .matches("\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}");
            assertThat(volume.label()).isEqualTo(IsoTestSupport.blkid(image, "LABEL"));
            assertThat(volume.volumeId()).isEqualTo("A_VOLUME_LABEL_LONGER_THAN_16");
            assertThat(volume.logicalBlockSize()).isEqualTo(2048);
            assertThat(volume.volumeSize()).isEqualTo(Files.size(image));
            assertThat(volume.bootEntries()).isEmpty();
            assertThat(volume.hybrid()).isEqualTo("none");
        }
    }

    /** Every directory has its own key, or the file system would see loops. */
    private static void assertDistinctDirectoryKeys(IsoTree iso) throws IOException {
        Set<Object> keys = new HashSet<>();
        List<ImageNode> todo = new ArrayList<>(List.of(iso.root()));
        while (!todo.isEmpty()) {
            ImageNode dir = todo.remove(todo.size() - 1);
            assertThat(keys.add(dir.fileKey()))
                    .as("key of %s is unique", dir.name())
                    .isTrue();
            for (ImageNode child : iso.children(dir)) {
                if (child.type() == NodeType.DIRECTORY) {
                    todo.add(child);
                }
            }
        }
        assertThat(keys).hasSizeGreaterThan(10);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
