package dev.webboot.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays through the coverage-guided harnesses ({@link GrubFuzzTarget}, {@link SyslinuxFuzzTarget}) the inputs the
 * campaigns kept ({@code fuzz/jazzer/grub}, {@code fuzz/jazzer/syslinux}) and the hand-made corpus: none may end in
 * anything but a typed refusal.
 */
class JazzerCorpusReplayTest {
    static List<Arguments> inputs() throws IOException, URISyntaxException {
        List<Arguments> inputs = new ArrayList<>();
        for (String format : List.of("grub", "syslinux")) {
            for (String folder : List.of("/fuzz/" + format, "/fuzz/jazzer/" + format)) {
                var url = JazzerCorpusReplayTest.class.getResource(folder);
                if (url == null) {
                    continue;
                }
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    files.filter(Files::isRegularFile).sorted().forEach(p -> inputs.add(Arguments.of(format, p)));
                }
            }
        }
        assertThat(inputs).hasSizeGreaterThan(10);
        return inputs;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("inputs")
    void replay(String format, Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        if (format.equals("grub")) {
            GrubFuzzTarget.fuzzerTestOneInput(data);
        } else {
            SyslinuxFuzzTarget.fuzzerTestOneInput(data);
        }
    }
}
