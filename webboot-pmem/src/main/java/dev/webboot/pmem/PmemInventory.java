package dev.webboot.pmem;

import java.util.List;

/**
 * Everything the running kernel says about persistent memory.
 *
 * @param devices the block devices ({@code /sys/block/pmem*}), by name
 * @param regions the libnvdimm regions ({@code /sys/bus/nd/devices/region*}), by name
 * @param persistentRanges the {@code Persistent Memory} ranges of {@code /proc/iomem}
 * @param memmap the {@code memmap=} items of the kernel command line
 */
public record PmemInventory(
        List<PmemDevice> devices,
        List<NdRegion> regions,
        List<MemoryRange> persistentRanges,
        List<MemmapParameter> memmap) {
    public PmemInventory {
        devices = List.copyOf(devices);
        regions = List.copyOf(regions);
        persistentRanges = List.copyOf(persistentRanges);
        memmap = List.copyOf(memmap);
    }
}
