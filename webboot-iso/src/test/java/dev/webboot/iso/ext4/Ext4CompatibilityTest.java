package dev.webboot.iso.ext4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Images made by mkfs.ext2/3/4 with every block size and layout option webboot may meet, read exactly as debugfs
 * lists and extracts them: every path, inode number, mode, owner, size, symlink target, modification time and SHA-256.
 */
class Ext4CompatibilityTest {
    @TempDir
    static Path work;

    static Path tree;

    @BeforeAll
    static void makeTree() throws IOException {
        tree = Ext4Trees.rich(work.resolve("tree"));
    }

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("ext4", "mkfs.ext4", List.of("-b", "4096")),
                Arguments.of("ext4-1k", "mkfs.ext4", List.of("-b", "1024")),
                Arguments.of("ext4-2k-64bit", "mkfs.ext4", List.of("-b", "2048", "-O", "64bit")),
                Arguments.of("ext4-64k", "mkfs.ext4", List.of("-b", "65536")),
                Arguments.of("ext4-128-byte-inodes", "mkfs.ext4", List.of("-I", "128")),
                Arguments.of("ext4-no-extents", "mkfs.ext4", List.of("-O", "^extent,^64bit")),
                Arguments.of("ext4-inline-data", "mkfs.ext4", List.of("-O", "inline_data")),
                Arguments.of(
                        "ext4-meta-bg-48-groups",
                        "mkfs.ext4",
                        List.of("-b", "1024", "-g", "1024", "-O", "meta_bg,^resize_inode")),
                Arguments.of(
                        "ext4-no-flex-no-sparse", "mkfs.ext4", List.of("-O", "^flex_bg,^sparse_super,^resize_inode")),
                Arguments.of("ext4-sparse-super2", "mkfs.ext4", List.of("-O", "sparse_super2")),
                Arguments.of("ext4-bigalloc", "mkfs.ext4", List.of("-O", "bigalloc", "-C", "16384")),
                Arguments.of("ext4-no-metadata-csum", "mkfs.ext4", List.of("-O", "^metadata_csum,uninit_bg")),
                Arguments.of("ext3", "mkfs.ext3", List.of("-b", "4096")),
                Arguments.of("ext2", "mkfs.ext2", List.of()),
                Arguments.of("ext2-1k-no-filetype", "mkfs.ext2", List.of("-b", "1024", "-O", "^filetype")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void readsWhatDebugfsExtracts(String name, String tool, List<String> options) throws IOException {
        Path image = Ext4Peer.mkfs(tool, tree, work.resolve(name + ".img"), "48M", options);
        // debugfs 1.47.0 dumps inline-data files as 60 bytes whatever their size: the kernel is the reference there.
        Map<String, Ext4Peer.Entry> expected =
                name.equals("ext4-inline-data") ? Ext4Peer.mounted(image, work) : Ext4Peer.expected(image, work);
        assertThat(expected).containsKeys("/file-4097", "/many/entry-number-299", "/special/tty", "/long-link");
        try (Ext4FileSystem fs = Ext4FileSystem.open(image)) {
            assertThat(Ext4Peer.differences(Ext4Peer.actual(fs), expected)).isEmpty();
        }
    }

    static Stream<Arguments> hashed() {
        return variants().filter(a -> List.of("ext4", "ext4-1k", "ext3").contains((String) a.get()[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hashed")
    void readsHashedDirectoriesAfterE2fsckIndexesThem(String name, String tool, List<String> options)
            throws IOException {
        Path image = Ext4Peer.mkfs(tool, tree, work.resolve(name + "-htree.img"), "48M", options);
        ExternalTools.Result fsck = ExternalTools.runAllowingFailure(
                work, ExternalTools.require("e2fsck", "e2fsprogs").toString(), "-fyD", image.toString());
        assertThat(fsck.exitCode()).as(fsck.stderr()).isLessThanOrEqualTo(1);
        assertThat(Ext4Peer.debugfs(image, false, List.of("htree /many"))).contains("Root node dump");
        Map<String, Ext4Peer.Entry> expected = Ext4Peer.expected(image, work);
        try (Ext4FileSystem fs = Ext4FileSystem.open(image)) {
            assertThat(Ext4Peer.differences(Ext4Peer.actual(fs), expected)).isEmpty();
            assertThat(Files.readString(fs.getPath("/many/entry-number-277"))).isEqualTo("277");
        }
    }
}
