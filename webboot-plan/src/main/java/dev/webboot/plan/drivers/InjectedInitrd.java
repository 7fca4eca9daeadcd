package dev.webboot.plan.drivers;

import java.util.List;
import java.util.Objects;

/**
 * What {@link DriverInjector#write} wrote.
 *
 * @param size the bytes written: the entry's initrds, the padding and the appended archive
 * @param addedModules the modules the appended archive holds, in load order (none when nothing was appended)
 * @param addedPaths every path of the appended archive ({@code /webboot/nd_pmem.ko}, ...), in archive order
 * @param kernelVersion the kernel release the modules came from ({@code ""} when nothing was appended)
 */
public record InjectedInitrd(long size, List<String> addedModules, List<String> addedPaths, String kernelVersion) {
    public InjectedInitrd {
        addedModules = List.copyOf(addedModules);
        addedPaths = List.copyOf(addedPaths);
        Objects.requireNonNull(kernelVersion, "kernelVersion");
    }

    /** True when an archive was appended. */
    public boolean injected() {
        return !addedPaths.isEmpty();
    }
}
