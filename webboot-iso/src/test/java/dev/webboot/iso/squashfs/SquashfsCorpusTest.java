package dev.webboot.iso.squashfs;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays the committed fuzz corpus: valid images read completely, malformed ones are refused with an offset. */
class SquashfsCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/fuzz/squashfs");

    static Stream<String> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".sqfs"))
                    .sorted()
                    .toList();
            assertThat(names).as("corpus files").hasSizeGreaterThanOrEqualTo(8);
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void replays(String name) throws IOException {
        byte[] image;
        try (InputStream in = Files.newInputStream(CORPUS.resolve(name))) {
            image = in.readAllBytes();
        }
        if (name.startsWith("valid-")) {
            assertThatCode(() -> SquashfsFuzzing.exercise(ImageSources.of(image, name)))
                    .doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> SquashfsFuzzing.exercise(ImageSources.of(image, name)))
                    .isInstanceOf(MalformedImageException.class)
                    .hasMessageStartingWith(name + ": ")
                    .hasMessageContaining("at byte offset");
        }
    }
}
