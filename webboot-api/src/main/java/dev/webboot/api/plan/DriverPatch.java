package dev.webboot.api.plan;

import java.util.List;
import java.util.Objects;

/**
 * Describes how a distribution's initrd must be extended so that its kernel can see the pmem device: the modules to
 * add (in load order), the kernel version they must come from, and the initramfs hook that loads them. Applying it is
 * the job of whoever builds the appended archive.
 *
 * @param modules module names in load order ({@code libnvdimm}, {@code nd_btt}, {@code nd_e820}, {@code nd_pmem})
 * @param kernelVersion the version of the entry's kernel ({@code ""} when the kernel image does not say)
 * @param hook the initramfs family whose hook directory loads the modules
 */
public record DriverPatch(List<String> modules, String kernelVersion, InitramfsFamily hook) {
    /** The pmem drivers in the order Debian 12 loads them. */
    public static final List<String> PMEM_MODULES = List.of("libnvdimm", "nd_btt", "nd_e820", "nd_pmem");

    public DriverPatch {
        modules = List.copyOf(modules);
        Objects.requireNonNull(kernelVersion, "kernelVersion");
        Objects.requireNonNull(hook, "hook");
    }
}
