package dev.webboot.boot;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.BootPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a boot did. After a real boot nobody reads it (the machine runs another kernel); after a dry run it is the
 * whole answer.
 *
 * @param plan the plan of the image, every entry
 * @param entryIndex the index of the booted entry in {@code plan.entries()}
 * @param entry the booted entry, as planned
 * @param cmdline the final command line handed to the kernel: the plan's, the running kernel's {@code console=}
 *     and the request's extra parameters
 * @param medium where the booted kernel finds its ISO
 * @param image where the ISO's bytes are now (the pmem device, or the cached file)
 * @param verification what was fetched and what vouched for it
 * @param injectedModules the kernel modules added to the initrd (empty when nothing was injected)
 * @param initrdBytes the size of the initrd handed to the kernel
 * @param executed whether the jump into the new kernel was made (false after a dry run; after a real jump nothing
 *     returns at all)
 * @param dryRun whether the request was a dry run
 * @param logFile the boot log, when one could be written
 * @param timings how long each phase took, in order
 */
public record BootOutcome(
        BootPlan plan,
        int entryIndex,
        BootEntry entry,
        String cmdline,
        BootMedium medium,
        Path image,
        Verification verification,
        List<String> injectedModules,
        long initrdBytes,
        boolean executed,
        boolean dryRun,
        Optional<Path> logFile,
        List<PhaseTiming> timings) {
    public BootOutcome {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(cmdline, "cmdline");
        Objects.requireNonNull(medium, "medium");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(verification, "verification");
        injectedModules = List.copyOf(injectedModules);
        Objects.requireNonNull(logFile, "logFile");
        timings = List.copyOf(timings);
    }
}
