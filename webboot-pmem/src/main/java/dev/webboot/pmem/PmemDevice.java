package dev.webboot.pmem;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A persistent-memory block device the running kernel offers, such as {@code /dev/pmem0}.
 *
 * @param name the kernel's name ({@code pmem0})
 * @param device the device node ({@code /dev/pmem0})
 * @param size the capacity in bytes
 * @param physicalStart the physical address of its namespace, when sysfs says
 * @param mode the namespace mode ({@code raw}, {@code fsdax}, ...), or an empty string when sysfs does not say
 */
public record PmemDevice(String name, String device, long size, OptionalLong physicalStart, String mode) {
    public PmemDevice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(physicalStart, "physicalStart");
        Objects.requireNonNull(mode, "mode");
    }
}
