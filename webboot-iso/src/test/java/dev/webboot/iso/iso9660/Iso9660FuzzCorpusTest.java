package dev.webboot.iso.iso9660;

import static dev.webboot.iso.iso9660.MalformedImages.walkAndReadEverything;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.webboot.iso.MalformedImageException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the committed corpus {@code fuzz/iso9660/*.iso.gz}: {@code malformed-*} images must fail with a
 * MalformedImageException naming an offset inside the image; {@code ok-*} images must read completely.
 */
class Iso9660FuzzCorpusTest {
    /** Corpus images are a few hundred KiB uncompressed; a larger one is a corrupt corpus file. */
    private static final int MAX_IMAGE = 8 << 20;

    static List<Path> corpus() throws IOException, URISyntaxException {
        Path dir =
                Path.of(Iso9660FuzzCorpusTest.class.getResource("/fuzz/iso9660").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> images =
                    files.filter(p -> p.toString().endsWith(".iso.gz")).sorted().toList();
            assertThat(images).hasSizeGreaterThanOrEqualTo(8);
            return images;
        }
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void replay(Path file) throws IOException {
        byte[] image;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            image = in.readNBytes(MAX_IMAGE);
        }
        String name = file.getFileName().toString();
        if (name.startsWith("malformed-")) {
            MalformedImageException e =
                    catchThrowableOfType(MalformedImageException.class, () -> walkAndReadEverything(image));
            assertThat(e).as("%s fails as malformed", name).isNotNull();
            assertThat(e.offset()).isBetween(0L, (long) image.length);
        } else {
            assertThat(walkAndReadEverything(image)).as("nodes of %s", name).isPositive();
        }
    }
}
