package dev.webboot.pmem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link Memmap} either returns items or throws {@link IllegalArgumentException} naming the item: never another
 * exception, never an item whose range wraps. Mutates the documented forms; replays the committed corpus.
 */
class MemmapFuzzTest {
    private static final List<String> SEEDS =
            List.of("1G!4G", "100M@2G,100M#3G,1G!1024G", "0x10000$0x18690000", "exactmap,640K@0", "1G%4G-1+12", "4G");

    @Property(tries = 2000, seed = "20261124")
    void mutatedFormsParseOrFailCleanly(@ForAll("mutated") String value) {
        check(value);
    }

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<String> seed = Arbitraries.of(SEEDS);
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 40);
        Arbitrary<Character> ch = Arbitraries.of(
                '0', '1', '9', 'x', 'K', 'M', 'G', 'T', 'E', '!', '@', '#', '$', '%', '-', '+', ',', ' ', 'f', 'Z');
        return net.jqwik.api.Combinators.combine(
                        seed, position, ch, Arbitraries.integers().between(0, 2))
                .as((s, at, c, op) -> {
                    int i = Math.min(at, s.length());
                    return switch (op) {
                        case 0 -> s.substring(0, i) + c + s.substring(i);
                        case 1 -> i < s.length() ? s.substring(0, i) + s.substring(i + 1) : s;
                        default -> i < s.length() ? s.substring(0, i) + c + s.substring(i + 1) : s + c;
                    };
                });
    }

    @Test
    void corpusReplays() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/fuzz/memmap/corpus.txt")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            assertThat(lines).hasSizeGreaterThan(10);
            for (String line : lines) {
                check(line);
            }
        }
    }

    private static void check(String value) {
        try {
            for (MemmapParameter p : Memmap.parse(value)) {
                assertThat(Long.compareUnsigned(p.end(), p.start()) >= 0)
                        .as(value)
                        .isTrue();
                assertThat(p.size()).as(value).isNotNegative();
            }
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("memmap=");
        }
    }
}
