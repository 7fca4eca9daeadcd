package dev.webboot.pmem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@code /proc/iomem} and {@code /proc/meminfo} as the kernel would never write them: {@link MachineReader} returns a
 * map or throws {@link PmemException} naming the file; and whatever map it returns, a plan is either refused with a
 * {@link PmemException} or lies wholly inside usable RAM, aligned. Mutates the recorded QEMU machine; replays the
 * committed corpus.
 */
class MachineFilesFuzzTest {
    private static final String IOMEM = String.join(
            "\n",
            "00000000-00000fff : Reserved",
            "00001000-0009fbff : System RAM",
            "00100000-bffdffff : System RAM",
            "  89200000-8a001d31 : Kernel code",
            "bffe0000-bfffffff : Reserved",
            "100000000-13fffffff : Persistent Memory (legacy)",
            "  100000000-13fffffff : namespace0.0",
            "140000000-23fffffff : System RAM",
            "");

    @Provide
    Arbitrary<String> iomems() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, IOMEM.length() - 1);
        Arbitrary<Character> c = Arbitraries.of('0', 'f', '-', ':', ' ', '\n', 'x', 'S', '9');
        Arbitrary<Integer> op = Arbitraries.integers().between(0, 2);
        return Combinators.combine(at, c, op).as((i, ch, o) -> switch (o) {
            case 0 -> IOMEM.substring(0, i) + ch + IOMEM.substring(i);
            case 1 -> IOMEM.substring(0, i) + IOMEM.substring(i + 1);
            default -> IOMEM.substring(0, i) + ch + IOMEM.substring(i + 1);
        });
    }

    @Property(tries = 400, seed = "777")
    void mutatedIomemReadsOrFailsCleanly(@ForAll("iomems") String iomem) throws IOException {
        check(iomem, "MemTotal:        5095472 kB\n");
    }

    @Provide
    Arbitrary<List<MemoryRange>> maps() {
        Arbitrary<MemoryRange> range = Combinators.combine(
                        Arbitraries.longs().between(0, 64L << 30),
                        Arbitraries.longs().between(1, 16L << 30),
                        Arbitraries.of(MemoryRange.SYSTEM_RAM, MemoryRange.SYSTEM_RAM, "Reserved", "ACPI Tables"))
                .as((start, size, type) -> new MemoryRange(start, start + size, type));
        return range.list().ofMinSize(0).ofMaxSize(12);
    }

    @Property(tries = 1000, seed = "778")
    void plansAreSoundOrRefused(
            @ForAll("maps") List<MemoryRange> map, @ForAll("sizes") long size, @ForAll("totals") long total) {
        MachineMemory memory = new MachineMemory(map, total, "fuzz");
        try {
            MemmapPlan plan = new MemmapPlanner().plan(memory, size);
            assertThat(plan.start() % MemmapPlanner.SECTION_ALIGNMENT).isZero();
            assertThat(plan.size()).isGreaterThanOrEqualTo(size);
            assertThat(map).filteredOn(r -> !r.isUsableRam()).allSatisfy(r -> assertThat(
                            r.end() <= plan.start() || r.start() >= plan.start() + plan.size())
                    .isTrue());
            assertThat(map).filteredOn(MemoryRange::isUsableRam).isNotEmpty();
        } catch (PmemException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<Long> sizes() {
        return Arbitraries.longs().between(1, 32L << 30);
    }

    @Provide
    Arbitrary<Long> totals() {
        return Arbitraries.longs().between(0, 80L << 30);
    }

    @Test
    void corpusReplays() throws IOException {
        Path dir = Path.of("src/test/resources/fuzz/iomem");
        List<Path> files = new ArrayList<>();
        try (var list = Files.list(dir)) {
            list.sorted().forEach(files::add);
        }
        assertThat(files).hasSizeGreaterThan(4);
        for (Path file : files) {
            check(Files.readString(file), "MemTotal: 12 kB\n");
        }
    }

    private static void check(String iomem, String meminfo) throws IOException {
        Path root = Files.createTempDirectory("machine");
        try {
            Files.createDirectories(root.resolve("proc"));
            Files.writeString(root.resolve("proc/iomem"), iomem);
            Files.writeString(root.resolve("proc/meminfo"), meminfo);
            try {
                MachineMemory memory = new MachineReader(root).memory();
                assertThat(memory.ranges()).allSatisfy(r -> assertThat(Long.compareUnsigned(r.end(), r.start()) >= 0)
                        .isTrue());
                try {
                    new MemmapPlanner().plan(memory, 1L << 30);
                } catch (PmemException refused) {
                    assertThat(refused.getMessage()).isNotBlank();
                }
                new MachineReader(root).inventory();
            } catch (PmemException e) {
                assertThat(e.getMessage()).contains("proc/");
            }
        } finally {
            try (var walk = Files.walk(root)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
