package dev.webboot.boot.media;

import java.util.Objects;

/**
 * One entry of the medium's boot menu.
 *
 * @param title what the menu shows
 * @param arguments the kernel command line of the entry (the webboot initramfs's parameters, then {@code --append})
 * @param isDefault whether the menu starts it when the time-out runs out
 */
public record MediaEntry(String title, String arguments, boolean isDefault) {
    public MediaEntry {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(arguments, "arguments");
    }
}
