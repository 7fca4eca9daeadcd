package dev.webboot.plan.grub.internal;

import java.util.List;

/**
 * A menu entry after it was run: its place in the menu, and what its {@code linux} and {@code initrd} commands loaded.
 *
 * @param titles the titles from the top menu down to this entry
 * @param ids the {@code --id} of each level ({@code ""} when none)
 * @param indexes the position at each level
 * @param kernel the kernel's path, {@code ""} for an entry that loads no Linux kernel
 * @param initrds the initrds' paths
 * @param cmdline the command line as GRUB would pass it
 */
public record GrubEntry(
        List<String> titles,
        List<String> ids,
        List<Integer> indexes,
        String kernel,
        List<String> initrds,
        String cmdline) {
    public GrubEntry {
        titles = List.copyOf(titles);
        ids = List.copyOf(ids);
        indexes = List.copyOf(indexes);
        initrds = List.copyOf(initrds);
    }
}
