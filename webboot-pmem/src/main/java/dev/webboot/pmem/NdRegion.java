package dev.webboot.pmem;

import java.util.Objects;

/**
 * A libnvdimm region ({@code /sys/bus/nd/devices/regionN}): the physical range that namespaces, and then {@code
 * /dev/pmemN}, are carved from.
 *
 * @param name {@code region0}
 * @param start its first physical address
 * @param size its length in bytes
 */
public record NdRegion(String name, long start, long size) {
    public NdRegion {
        Objects.requireNonNull(name, "name");
    }
}
