package dev.webboot.pmem;

import java.util.List;
import java.util.Objects;

/**
 * The physical memory of a machine, as a {@code memmap=} planner needs it.
 *
 * @param ranges the memory map, sorted by start address
 * @param totalRam the RAM the running kernel manages ({@code MemTotal} of {@code /proc/meminfo}), in bytes
 * @param source where {@code ranges} came from ({@code /sys/firmware/memmap} or {@code /proc/iomem}), for messages
 */
public record MachineMemory(List<MemoryRange> ranges, long totalRam, String source) {
    public MachineMemory {
        ranges = List.copyOf(ranges);
        Objects.requireNonNull(source, "source");
    }
}
