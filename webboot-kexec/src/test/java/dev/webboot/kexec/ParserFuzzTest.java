package dev.webboot.kexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.iso.MalformedImageException;
import dev.webboot.testing.DebianKernel;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.Test;

/**
 * The kernel-header and module parsers on damaged input: they return a result or throw {@link
 * MalformedImageException}, never anything else, never run out of memory. Seeds are the real Debian kernel's header
 * and a real module; the committed corpus of minimized inputs is replayed too.
 */
class ParserFuzzTest {
    private static byte[] kernelHead;
    private static byte[] module;

    @BeforeContainer
    static void seeds() throws IOException {
        DebianKernel kernel = DebianKernel.get();
        try (InputStream in = Files.newInputStream(kernel.vmlinuz())) {
            kernelHead = in.readNBytes(KernelHeaders.HEAD_SIZE);
        }
        module = Files.readAllBytes(kernel.module("drivers/nvdimm/nd_e820.ko"));
    }

    /** A copy of {@code seed} with a few bytes changed and perhaps cut short. */
    private static Arbitrary<byte[]> mutations(java.util.function.Supplier<byte[]> seed, int hotLimit) {
        Arbitrary<int[]> positions = Arbitraries.integers()
                .between(0, hotLimit - 1)
                .array(int[].class)
                .ofMinSize(1)
                .ofMaxSize(6);
        Arbitrary<Integer> values = Arbitraries.integers().between(0, 255);
        Arbitrary<Integer> cut = Arbitraries.integers().between(0, 100);
        return Combinators.combine(positions, values, cut).as((at, value, cutPercent) -> {
            byte[] bytes = seed.get().clone();
            for (int i = 0; i < at.length; i++) {
                int p = at[i] % bytes.length;
                bytes[p] = (byte) (i == 0 ? value : value * 31 + i);
            }
            if (cutPercent < 10) {
                bytes = Arrays.copyOf(bytes, bytes.length * cutPercent / 10);
            }
            return bytes;
        });
    }

    @Provide
    Arbitrary<byte[]> kernelHeaders() {
        return mutations(() -> kernelHead, 0x300);
    }

    @Provide
    Arbitrary<byte[]> modules() {
        return mutations(() -> module, module.length);
    }

    @Property(tries = 1500, seed = "424242")
    void kernelHeaderParserFailsCleanly(@ForAll("kernelHeaders") byte[] bytes) {
        try {
            KernelHeader header = KernelHeaders.parse("fuzz", bytes, bytes.length, "none");
            assertThat(header.version().length()).isLessThanOrEqualTo(256);
        } catch (MalformedImageException e) {
            assertThat(e.getMessage()).startsWith("fuzz: ");
        }
    }

    @Property(tries = 1500, seed = "434343")
    void modinfoParserFailsCleanly(@ForAll("modules") byte[] bytes) {
        try {
            ModuleInfo info = ModuleFiles.info("fuzz", bytes);
            assertThat(info.depends().size()).isLessThanOrEqualTo(1024);
        } catch (MalformedImageException e) {
            assertThat(e.getMessage()).startsWith("fuzz: ");
        }
    }

    @Test
    void corpusReplays() throws IOException, URISyntaxException {
        for (Path file : corpus("kernel-header")) {
            byte[] bytes = Files.readAllBytes(file);
            assertThatThrownBy(() -> KernelHeaders.parse(file.getFileName().toString(), bytes, bytes.length, "none"))
                    .as(file.toString())
                    .isInstanceOf(MalformedImageException.class);
        }
        for (Path file : corpus("modinfo")) {
            byte[] bytes = Files.readAllBytes(file);
            assertThatThrownBy(() -> ModuleFiles.info(file.getFileName().toString(), bytes))
                    .as(file.toString())
                    .isInstanceOf(MalformedImageException.class);
        }
    }

    private static List<Path> corpus(String format) throws IOException, URISyntaxException {
        Path dir = Path.of(ParserFuzzTest.class.getResource("/fuzz/" + format).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.sorted().toList();
            assertThat(all).hasSizeGreaterThan(5);
            return all;
        }
    }
}
