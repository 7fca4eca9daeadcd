package dev.webboot.iso.ext4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.iso.ImageSources;
import dev.webboot.iso.MalformedImageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays the committed fuzz corpus: valid images read completely, malformed ones are refused with an offset. */
class Ext4CorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/fuzz/ext4");
    private static final int MAX_IMAGE = 1 << 20;

    static Stream<String> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".img.gz"))
                    .sorted()
                    .toList();
            assertThat(names).as("corpus files").hasSizeGreaterThanOrEqualTo(12);
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void replays(String name) throws IOException {
        byte[] image;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(CORPUS.resolve(name)))) {
            image = in.readNBytes(MAX_IMAGE);
        }
        if (name.startsWith("valid-")) {
            assertThatCode(() -> Ext4Fuzzing.exercise(ImageSources.of(image, name)))
                    .doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> Ext4Fuzzing.exercise(ImageSources.of(image, name)))
                    .isInstanceOf(MalformedImageException.class)
                    .hasMessageStartingWith(name + ": ")
                    .hasMessageContaining("at byte offset");
        }
    }
}
