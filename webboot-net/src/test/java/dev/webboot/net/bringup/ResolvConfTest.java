package dev.webboot.net.bringup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.net.link.Ipv4Prefix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolvConfTest {
    @TempDir
    Path dir;

    @Test
    void writesSearchDomainAndAtMostThreeServers() throws Exception {
        Path file = dir.resolve("resolv.conf");
        Files.writeString(file, "nameserver 127.0.0.53\n");
        String text = ResolvConf.text(
                "test",
                List.of(
                        Ipv4Prefix.parseAddress("10.0.0.1"),
                        Ipv4Prefix.parseAddress("10.0.0.2"),
                        Ipv4Prefix.parseAddress("10.0.0.3"),
                        Ipv4Prefix.parseAddress("10.0.0.4")),
                Optional.of("lan.example"));
        ResolvConf.write(file, text);
        assertThat(Files.readString(file))
                .isEqualTo("# written by webboot from test\nsearch lan.example\nnameserver 10.0.0.1\n"
                        + "nameserver 10.0.0.2\nnameserver 10.0.0.3\n");
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void aDomainThatCouldInjectLinesIsLeftOut() {
        assertThat(ResolvConf.text(
                        "test", List.of(Ipv4Prefix.parseAddress("10.0.0.1")), Optional.of("evil\nnameserver 6.6.6.6")))
                .isEqualTo("# written by webboot from test\nnameserver 10.0.0.1\n");
    }
}
