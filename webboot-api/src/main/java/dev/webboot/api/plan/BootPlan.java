package dev.webboot.api.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What webboot would kexec: the entries of a distribution's menu, adapted to the medium, with where they came from.
 *
 * @param family the distribution family that recognized the image ({@code casper}, {@code dracut}, ...)
 * @param label the image's volume label
 * @param entries the bootable Linux entries, in menu order
 * @param configuration the boot configuration file whose entries won ({@code /boot/grub/grub.cfg}; {@code
 *     /loader/entries} for BLS); empty for a plan not made from an image's configuration
 * @param dropped the entries of the configurations read that cannot be booted, with the reason for each
 */
public record BootPlan(
        String family, String label, List<BootEntry> entries, String configuration, List<DroppedEntry> dropped) {
    public BootPlan {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(configuration, "configuration");
        entries = List.copyOf(entries);
        dropped = List.copyOf(dropped);
    }

    /** A plan that records no configuration and no dropped entries (plugins' and tests' own plans). */
    public BootPlan(String family, String label, List<BootEntry> entries) {
        this(family, label, entries, "", List.of());
    }

    /** The entry the menu boots by default: the one marked default, else the first. */
    public Optional<BootEntry> defaultEntry() {
        return entries.stream().filter(BootEntry::isDefault).findFirst().or(() -> entries.stream()
                .findFirst());
    }
}
