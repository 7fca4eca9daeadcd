package dev.webboot.api.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What webboot would kexec: the entries of a distribution's menu, adapted to the medium.
 *
 * @param family the distribution family that recognized the image ({@code casper}, {@code dracut}, ...)
 * @param label the image's volume label
 * @param entries the bootable Linux entries, in menu order
 */
public record BootPlan(String family, String label, List<BootEntry> entries) {
    public BootPlan {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(label, "label");
        entries = List.copyOf(entries);
    }

    /** The entry the menu boots by default: the one marked default, else the first. */
    public Optional<BootEntry> defaultEntry() {
        return entries.stream().filter(BootEntry::isDefault).findFirst().or(() -> entries.stream()
                .findFirst());
    }
}
