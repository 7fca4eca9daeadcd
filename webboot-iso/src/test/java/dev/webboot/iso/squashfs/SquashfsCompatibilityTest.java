package dev.webboot.iso.squashfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.iso.internal.squashfs.SquashfsTree;
import dev.webboot.iso.internal.squashfs.Superblock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Images made by mksquashfs with every compressor, block size and fragment mode read as unsquashfs reads them. */
class SquashfsCompatibilityTest {
    @TempDir
    static Path work;

    static Path tree;

    @BeforeAll
    static void makeTree() throws IOException {
        tree = SquashfsTrees.richTree(work.resolve("tree"));
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (String comp : List.of("gzip", "lzma", "lzo", "xz", "lz4", "zstd")) {
            for (String blockSize : List.of("4K", "1M")) {
                for (String fragments : List.of("", "-no-fragments", "-always-use-fragments")) {
                    cases.add(Arguments.of(comp, blockSize, fragments));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("matrix")
    void readsWhatUnsquashfsExtracts(String comp, String blockSize, String fragments) throws IOException {
        List<String> options = new ArrayList<>(List.of("-comp", comp, "-b", blockSize));
        if (!fragments.isEmpty()) {
            options.add(fragments);
        }
        options.addAll(List.of(SquashfsTrees.PSEUDO));
        Path image = SquashfsPeer.mksquashfs(
                tree, work.resolve(comp + "-" + blockSize + fragments + ".sqfs"), options.toArray(String[]::new));
        SquashfsTrees.assertSameAsUnsquashfs(image, work);
        try (SquashfsTree t = SquashfsTree.open(SquashfsPeer.source(image), true)) {
            Superblock sb = t.superblock();
            assertThat(sb.compression().cliName()).isEqualTo(comp);
            assertThat(sb.blockSize()).isEqualTo(blockSize.equals("4K") ? 4096 : 1 << 20);
            assertThat(sb.hasFlag(Superblock.FLAG_NO_FRAGMENTS)).isEqualTo(fragments.equals("-no-fragments"));
        }
    }

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("uncompressed", List.of("-comp", "gzip", "-noI", "-noD", "-noF", "-noX")),
                Arguments.of("uncompressed-4K", List.of("-comp", "xz", "-b", "4K", "-noI", "-noD", "-noF", "-noX")),
                Arguments.of("xz-bcj-x86", List.of("-comp", "xz", "-Xbcj", "x86")),
                Arguments.of("xz-bcj-arm-dict", List.of("-comp", "xz", "-Xbcj", "arm,armthumb", "-Xdict-size", "50%")),
                Arguments.of("lz4-hc", List.of("-comp", "lz4", "-Xhc")),
                Arguments.of(
                        "gzip-options", List.of("-comp", "gzip", "-Xcompression-level", "1", "-Xwindow-size", "9")),
                Arguments.of("zstd-19", List.of("-comp", "zstd", "-Xcompression-level", "19")),
                Arguments.of("lzo-1x_1", List.of("-comp", "lzo", "-Xalgorithm", "lzo1x_1")),
                Arguments.of("no-xattrs", List.of("-comp", "gzip", "-no-xattrs")),
                Arguments.of("all-root", List.of("-comp", "zstd", "-all-root", "-no-exports")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void readsVariants(String name, List<String> options) throws IOException {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of(SquashfsTrees.PSEUDO));
        Path image = SquashfsPeer.mksquashfs(tree, work.resolve(name + ".sqfs"), all.toArray(String[]::new));
        SquashfsTrees.assertSameAsUnsquashfs(image, work);
    }
}
