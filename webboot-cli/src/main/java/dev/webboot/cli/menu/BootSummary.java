package dev.webboot.cli.menu;

import java.util.List;

/**
 * What the boot did, as the menu's last screen shows it (the flow returns only when the kexec was not executed: a dry
 * run).
 *
 * @param entryTitle the boot entry booted
 * @param cmdline the final kernel command line
 * @param details further lines: the kernel and initrds, what verified the image, where it is, the boot log
 * @param executed whether the kexec was executed
 */
public record BootSummary(String entryTitle, String cmdline, List<String> details, boolean executed) {
    public BootSummary {
        details = List.copyOf(details);
    }
}
