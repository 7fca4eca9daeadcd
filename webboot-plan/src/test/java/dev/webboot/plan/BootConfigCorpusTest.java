package dev.webboot.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.iso.MalformedImageException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays the minimized inputs under {@code src/test/resources/fuzz/grub} and {@code fuzz/syslinux}: a
 * {@code *.ok.cfg} must be interpreted, a {@code *.fail.cfg} refused with {@link MalformedImageException}.
 */
class BootConfigCorpusTest {
    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> grubCorpus() throws Exception {
        return replay("grub", BootConfigFuzzing.Format.GRUB);
    }

    @TestFactory
    Stream<DynamicTest> syslinuxCorpus() throws Exception {
        return replay("syslinux", BootConfigFuzzing.Format.SYSLINUX);
    }

    private Stream<DynamicTest> replay(String dir, BootConfigFuzzing.Format format)
            throws IOException, URISyntaxException {
        Path corpus = Path.of(getClass().getResource("/fuzz/" + dir).toURI());
        List<Path> files;
        try (Stream<Path> list = Files.list(corpus)) {
            files = list.sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(5);
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    byte[] config;
                    try (InputStream in = Files.newInputStream(file)) {
                        config = in.readAllBytes();
                    }
                    Path root = Files.createTempDirectory(work, "tree");
                    String name = file.getFileName().toString();
                    if (name.endsWith(".fail.cfg")) {
                        assertThatThrownBy(
                                        () -> BootConfigFuzzing.interpret(BootConfigFuzzing.tree(root), format, config))
                                .isInstanceOf(MalformedImageException.class)
                                .hasMessageStartingWith(format.path + ": ");
                    } else {
                        assertThatCode(() -> BootConfigFuzzing.interpret(BootConfigFuzzing.tree(root), format, config))
                                .doesNotThrowAnyException();
                    }
                }));
    }
}
