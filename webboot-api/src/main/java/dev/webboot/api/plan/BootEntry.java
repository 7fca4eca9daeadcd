package dev.webboot.api.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One bootable Linux entry of a distribution's boot menu.
 *
 * @param title the title the menu shows (submenu titles joined with {@code " > "})
 * @param kernel the kernel's absolute path inside the image
 * @param initrds the initrds' absolute paths inside the image, in the order they are concatenated
 * @param cmdline the complete kernel command line
 * @param isDefault whether the menu boots this entry when nobody chooses
 * @param patch the pmem drivers the initrd must be extended with, when it lacks them
 */
public record BootEntry(
        String title,
        String kernel,
        List<String> initrds,
        String cmdline,
        boolean isDefault,
        Optional<DriverPatch> patch) {

    public BootEntry {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(kernel, "kernel");
        initrds = List.copyOf(initrds);
        Objects.requireNonNull(cmdline, "cmdline");
        Objects.requireNonNull(patch, "patch");
    }

    /** An entry without a driver patch. */
    public static BootEntry of(String title, String kernel, List<String> initrds, String cmdline, boolean isDefault) {
        return new BootEntry(title, kernel, initrds, cmdline, isDefault, Optional.empty());
    }

    /** This entry with another command line. */
    public BootEntry withCmdline(String newCmdline) {
        return new BootEntry(title, kernel, initrds, newCmdline, isDefault, patch);
    }

    /** This entry with another command line. */
    public BootEntry withCmdline(KernelCommandLine newCmdline) {
        return withCmdline(newCmdline.toString());
    }

    /** This entry with a driver patch (or none). */
    public BootEntry withPatch(Optional<DriverPatch> newPatch) {
        return new BootEntry(title, kernel, initrds, cmdline, isDefault, newPatch);
    }

    /** This entry marked as the default or not. */
    public BootEntry withDefault(boolean newDefault) {
        return new BootEntry(title, kernel, initrds, cmdline, newDefault, patch);
    }

    /** This entry's command line, parsed. */
    public KernelCommandLine parsedCmdline() {
        return KernelCommandLine.parse(cmdline);
    }
}
