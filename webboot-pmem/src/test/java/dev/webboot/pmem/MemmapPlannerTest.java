package dev.webboot.pmem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemmapPlannerTest {
    private static final long M = 1L << 20;
    private static final long G = 1L << 30;

    @TempDir
    Path root;

    private MachineMemory machine(String name) throws IOException {
        return new MachineReader(MachineFixture.materialize(name, root)).memory();
    }

    /** The plan lies wholly inside one usable-RAM range of the firmware map and is 128 MiB aligned. */
    private static void assertSound(MemmapPlan plan, MachineMemory memory) {
        assertThat(plan.start() % MemmapPlanner.SECTION_ALIGNMENT).isZero();
        assertThat(plan.size() % MemmapPlanner.SECTION_ALIGNMENT).isZero();
        assertThat(memory.ranges()).filteredOn(MemoryRange::isUsableRam).anySatisfy(r -> assertThat(
                        plan.start() >= r.start() && plan.start() + plan.size() <= r.end())
                .isTrue());
        assertThat(memory.ranges()).filteredOn(r -> !r.isUsableRam()).allSatisfy(r -> assertThat(
                        r.end() <= plan.start() || r.start() >= plan.start() + plan.size())
                .as("%s overlaps the plan %s", r, plan.memmap())
                .isTrue());
        List<MemmapParameter> parsed = Memmap.parse(plan.memmap());
        assertThat(parsed).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(MemmapKind.PERSISTENT);
            assertThat(p.start()).isEqualTo(plan.start());
            assertThat(p.size()).isEqualTo(plan.size());
        });
        assertThat(plan.reason()).startsWith(plan.memmap() + ": ");
    }

    @Test
    void qemuPcWith4GiBGetsTheRangeMeasuredToWork() throws IOException {
        MachineMemory memory = machine("qemu-pc-4g");
        assertThat(memory.source()).isEqualTo("/sys/firmware/memmap");
        MemmapPlan plan = new MemmapPlanner().plan(memory, 62 * M);
        // The measured facts: 1G!4G (and 512M!...) work; 1G!2G does not (a reserved hole at 0xbffe0000).
        assertThat(plan.memmap()).isEqualTo("128M!4G");
        assertSound(plan, memory);
        MemmapPlan gib = new MemmapPlanner().plan(memory, G);
        assertThat(gib.memmap()).isEqualTo("1G!4G");
        assertThat(gib.kernelParameter()).isEqualTo("memmap=1G!4G");
        assertThat(gib.reason()).contains("at or above 4 GiB").contains("0x100000000-0x13fffffff");
        assertSound(gib, memory);
    }

    @Test
    void qemuPcFallsBelow4GiBAvoidingTheHole() throws IOException {
        MachineMemory memory = machine("qemu-pc-4g");
        // 1.5 GiB does not fit in the 1 GiB above 4 GiB; the highest placement below the 0xbffe0000 hole is taken.
        MemmapPlan plan = new MemmapPlanner().plan(memory, 1536 * M);
        assertSound(plan, memory);
        assertThat(plan.start() + plan.size()).isLessThanOrEqualTo(0xbffe0000L);
        assertThat(plan.memmap()).isEqualTo("1536M!1408M");
        assertThat(plan.reason()).contains("above 256 MiB");
    }

    @Test
    void qemuPcRefusesWhatWouldStarveWebboot() throws IOException {
        MachineMemory memory = machine("qemu-pc-4g");
        assertThatThrownBy(() -> new MemmapPlanner().plan(memory, 3 * G))
                .isInstanceOf(PmemException.class)
                .hasMessageContaining("less than the 1 GiB");
    }

    @Test
    void iomemIsTheFallbackWhenFirmwareMapIsMissing() throws IOException {
        MachineFixture.materialize("qemu-pc-4g", root);
        deleteTree(root.resolve("sys/firmware"));
        MachineMemory memory = new MachineReader(root).memory();
        assertThat(memory.source()).isEqualTo("/proc/iomem");
        // The running kernel already turned 4-5 GiB into pmem: that range is not usable RAM any more.
        MemmapPlan plan = new MemmapPlanner().plan(memory, G);
        assertSound(plan, memory);
        assertThat(plan.memmap()).isEqualTo("1G!1920M");
    }

    @Test
    void laptopWith4GiB() throws IOException {
        MachineMemory memory = machine("laptop-4g");
        assertThat(memory.totalRam()).isEqualTo(3871044L * 1024);
        MemmapPlan plan = new MemmapPlanner().plan(memory, 700 * M);
        assertThat(plan.memmap()).isEqualTo("768M!4G");
        assertSound(plan, memory);
        MemmapPlan larger = new MemmapPlanner().plan(memory, 1700 * M);
        assertThat(larger.memmap()).isEqualTo("1792M!4G");
        assertSound(larger, memory);
        // 2 GiB fits nowhere: 1.75 GiB above 4 GiB, and the RAM below is cut into pieces of under 2 GiB.
        assertThatThrownBy(() -> new MemmapPlanner().plan(memory, 2 * G))
                .isInstanceOf(PmemException.class)
                .hasMessageContaining("no 128 MiB-aligned range of 2 GiB")
                .hasMessageContaining("/sys/firmware/memmap");
    }

    @Test
    void laptopUsesThe2To4GiBWindowWhenTheHighRangeIsTooSmall() throws IOException {
        MachineMemory memory = machine("laptop-4g");
        MemmapPlan plan = new MemmapPlanner(MemmapPlanner.SECTION_ALIGNMENT, 512 * M)
                .plan(
                        new MachineMemory(
                                memory.ranges().stream()
                                        .filter(r -> r.start() < 4 * G)
                                        .toList(),
                                0,
                                "test"),
                        100 * M);
        assertSound(plan, memory);
        assertThat(plan.memmap()).isEqualTo("128M!2G");
        assertThat(plan.reason()).contains("between 2 and 4 GiB");
    }

    @Test
    void desktopWith32GiB() throws IOException {
        MachineMemory memory = machine("desktop-32g");
        MemmapPlan plan = new MemmapPlanner().plan(memory, 4_700_000_000L);
        assertThat(plan.memmap()).isEqualTo("4608M!4G");
        assertSound(plan, memory);
        MemmapPlan huge = new MemmapPlanner().plan(memory, 28 * G);
        assertThat(huge.memmap()).isEqualTo("28G!4G");
        assertSound(huge, memory);
        // 29 GiB leaves more than 1 GiB of the 31.3 GiB, but no block holds it (28.7 GiB above 4 GiB).
        assertThatThrownBy(() -> new MemmapPlanner().plan(memory, 29 * G))
                .isInstanceOf(PmemException.class)
                .hasMessageContaining("largest usable block: 28.7 GiB");
    }

    @Test
    void planningIsDeterministicAndAligned() throws IOException {
        MachineMemory memory = machine("desktop-32g");
        for (long size = M; size < 8 * G; size = size * 3 + 12345) {
            MemmapPlan plan = new MemmapPlanner().plan(memory, size);
            assertSound(plan, memory);
            assertThat(plan.size()).isGreaterThanOrEqualTo(size).isLessThan(size + MemmapPlanner.SECTION_ALIGNMENT);
            assertThat(new MemmapPlanner().plan(memory, size)).isEqualTo(plan);
        }
    }

    @Test
    void overlappingReservedRangesAreSubtracted() throws PmemException {
        List<MemoryRange> map = List.of(
                new MemoryRange(0, 8 * G, MemoryRange.SYSTEM_RAM),
                new MemoryRange(4 * G + 4096, 4 * G + 8192, "Reserved"));
        MemmapPlan plan = new MemmapPlanner().plan(new MachineMemory(map, 0, "test"), G);
        assertThat(plan.start()).isGreaterThanOrEqualTo(4 * G + 8192);
        assertThat(plan.memmap()).isEqualTo("1G!4224M");
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new MemmapPlanner(4096, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MemmapPlanner().plan(new MachineMemory(List.of(), 0, "t"), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = java.nio.file.Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }
}
