package dev.webboot.api.plan;

import java.util.Objects;

/**
 * A menu entry of the image's boot configuration that the plan leaves out, and why: kexec can load only a Linux kernel
 * and initrds that are files in the image.
 *
 * @param configuration the configuration file that describes the entry ({@code /boot/grub/grub.cfg})
 * @param title the entry's title as its menu shows it
 * @param reason why it cannot be booted, as a phrase ({@code /vmlinuz is not in the image})
 */
public record DroppedEntry(String configuration, String title, String reason) {
    public DroppedEntry {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(reason, "reason");
    }
}
