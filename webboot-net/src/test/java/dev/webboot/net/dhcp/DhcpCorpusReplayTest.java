package dev.webboot.net.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Replays the committed corpus of minimized DHCP packets under {@code src/test/resources/fuzz/dhcp/}: each file
 * named {@code reject-*} must be refused with {@link MalformedPacketException}, each {@code accept-*} decoded.
 */
class DhcpCorpusReplayTest {
    @Test
    void replaysTheCorpus() throws IOException, URISyntaxException {
        Path dir = Path.of(DhcpCorpusReplayTest.class.getResource("/fuzz/dhcp").toURI());
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(6);
        for (Path file : files) {
            String name = file.getFileName().toString();
            boolean accepted = DhcpFuzzing.checkOne(Files.readAllBytes(file));
            assertThat(accepted).as(name).isEqualTo(name.startsWith("accept-"));
        }
    }
}
