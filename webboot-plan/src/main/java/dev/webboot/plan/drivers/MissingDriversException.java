package dev.webboot.plan.drivers;

import java.io.IOException;
import java.util.List;

/**
 * The pmem drivers a boot entry's initrd must be extended with are not in the ISO either, so the ISO cannot boot from
 * pmem. The message is one plain sentence naming the ISO, the kernel version and the missing modules, and suggesting
 * the file medium.
 */
public final class MissingDriversException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String image;
    private final String kernelVersion;
    private final List<String> modules;

    /** The drivers are neither built into the kernel nor in the ISO's root file system. */
    public MissingDriversException(String image, String kernelVersion, List<String> modules) {
        this(image, kernelVersion, modules, "are neither built in nor in the ISO's root file system");
    }

    /**
     * The drivers are missing for the reason {@code why}, a phrase following "the pmem drivers … of kernel …"
     * ({@code "are not in NixOS's initrd, and webboot has no early hook for NixOS's stage 1"}).
     */
    public MissingDriversException(String image, String kernelVersion, List<String> modules, String why) {
        super(image + ": the pmem drivers " + String.join(", ", modules) + " of kernel "
                + (kernelVersion.isEmpty() ? "(version unknown)" : kernelVersion)
                + " " + why + ", so it cannot boot from pmem;"
                + " boot it as a file instead (--medium file with --cache on a disk)");
        this.image = image;
        this.kernelVersion = kernelVersion;
        this.modules = List.copyOf(modules);
    }

    /** The ISO, as the command line names it. */
    public String image() {
        return image;
    }

    /** The kernel version the modules were looked for ({@code ""} when the kernel does not say). */
    public String kernelVersion() {
        return kernelVersion;
    }

    /** The modules not found. */
    public List<String> modules() {
        return modules;
    }
}
