package dev.webboot.pmem;

import java.util.Objects;

/**
 * Where to put a RAM block device, as a {@code memmap=} kernel parameter, and why there.
 *
 * @param memmap the parameter's value, such as {@code 1G!4G}
 * @param start the first physical address of the range
 * @param size the range's length in bytes (the future {@code /dev/pmem0}'s size)
 * @param reason a sentence explaining the choice, for people
 */
public record MemmapPlan(String memmap, long start, long size, String reason) {
    public MemmapPlan {
        Objects.requireNonNull(memmap, "memmap");
        Objects.requireNonNull(reason, "reason");
    }

    /** The whole kernel parameter: {@code memmap=1G!4G}. */
    public String kernelParameter() {
        return "memmap=" + memmap;
    }
}
