package dev.webboot.cli.menu;

import java.util.List;

/**
 * What the boot did, as the menu's last screen shows it (it only returns when the kexec was not executed: a dry run).
 *
 * @param entryTitle the boot entry booted
 * @param kexecCommand the kexec that was (or, in a dry run, would have been) run, as one command line
 * @param details further lines: the verification, the log file
 * @param executed whether the kexec was executed
 */
public record BootSummary(String entryTitle, String kexecCommand, List<String> details, boolean executed) {
    public BootSummary {
        details = List.copyOf(details);
    }
}
