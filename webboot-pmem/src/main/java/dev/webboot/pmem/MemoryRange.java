package dev.webboot.pmem;

import java.util.Objects;

/**
 * A range of physical addresses and what the firmware (or the running kernel) says it is.
 *
 * @param start the first address
 * @param end the first address after the range (exclusive, unlike {@code /sys/firmware/memmap/N/end})
 * @param type the type as Linux names it: {@code System RAM}, {@code Reserved}, {@code ACPI Tables}, {@code
 *     Persistent Memory (legacy)}, ...
 */
public record MemoryRange(long start, long end, String type) {
    /** The type of usable memory in {@code /sys/firmware/memmap} and {@code /proc/iomem}. */
    public static final String SYSTEM_RAM = "System RAM";

    /** The type {@code memmap=nn!ss} gives its range in {@code /proc/iomem}. */
    public static final String PERSISTENT_LEGACY = "Persistent Memory (legacy)";

    public MemoryRange {
        Objects.requireNonNull(type, "type");
        if (Long.compareUnsigned(end, start) < 0) {
            throw new IllegalArgumentException("range ends before it starts: " + Long.toHexString(start));
        }
    }

    /** The number of bytes. */
    public long size() {
        return end - start;
    }

    /** True for memory the kernel may use as RAM. */
    public boolean isUsableRam() {
        return type.equals(SYSTEM_RAM);
    }

    @Override
    public String toString() {
        return String.format("[%#x-%#x] %s", start, end - 1, type);
    }
}
