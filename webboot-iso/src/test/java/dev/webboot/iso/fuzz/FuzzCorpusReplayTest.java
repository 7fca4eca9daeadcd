package dev.webboot.iso.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays, through the same harness the coverage-guided campaigns run ({@link ImageTargets}), every input those
 * campaigns kept ({@code fuzz/jazzer/FORMAT/}: crashers found and fixed, and the inputs that reached new coverage
 * worth keeping) and the hand-made corpus ({@code fuzz/FORMAT/*.gz}): none may end in anything but a typed refusal.
 */
class FuzzCorpusReplayTest {
    private static final int MAX_INPUT = 8 << 20;

    static List<Arguments> inputs() throws IOException, URISyntaxException {
        List<Arguments> inputs = new ArrayList<>();
        for (ImageTargets.Format format : ImageTargets.Format.values()) {
            String name = format.name().toLowerCase(Locale.ROOT);
            for (String folder : List.of("/fuzz/" + name, "/fuzz/jazzer/" + name)) {
                var url = FuzzCorpusReplayTest.class.getResource(folder);
                if (url == null) {
                    continue;
                }
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    files.filter(Files::isRegularFile)
                            .filter(p -> !p.getFileName().toString().endsWith(".md"))
                            .sorted()
                            .forEach(p -> inputs.add(Arguments.of(format, p)));
                }
            }
        }
        // Every reader has inputs here; a missing folder would make the replay pass vacuously.
        for (ImageTargets.Format format : ImageTargets.Format.values()) {
            assertThat(inputs.stream().filter(a -> a.get()[0] == format))
                    .as("inputs of %s", format)
                    .isNotEmpty();
        }
        return inputs;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("inputs")
    void replay(ImageTargets.Format format, Path file) throws IOException {
        byte[] data;
        try (InputStream in = file.toString().endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(file))
                : Files.newInputStream(file)) {
            data = in.readNBytes(MAX_INPUT);
        }
        format.run(data);
    }
}
