package dev.webboot.api.plan;

import java.io.IOException;

/**
 * A distribution family's knowledge of how its live initramfs finds its medium. Implementations are found with
 * {@link java.util.ServiceLoader} (register the class in {@code META-INF/services/dev.webboot.api.plan.DistroPlugin});
 * they need a public no-argument constructor and must be stateless and thread-safe.
 *
 * <p>Planning asks every plugin, highest {@link #priority()} first, whether it {@link #recognizes} the image; the first
 * that does names the family and adapts every entry the image's own boot configuration (GRUB, isolinux or BLS)
 * describes. Webboot then carries the running kernel's {@code memmap=} parameters into every command line, so a plugin
 * never needs to deal with them.
 */
public interface DistroPlugin {

    /** The family's name as {@code webboot plan} prints it ({@code casper}, {@code archiso}, ...). */
    String family();

    /**
     * Plugins with a higher priority are asked first. Built-in families use 0; the generic fallback uses
     * {@link Integer#MIN_VALUE}. A third-party plugin that refines a built-in family returns a positive value.
     */
    default int priority() {
        return 0;
    }

    /**
     * Whether the image belongs to this family, judged from its paths, volume label or files. Must only read the
     * image; never throws for an image that is merely of another family.
     */
    boolean recognizes(BootImage image) throws IOException;

    /**
     * The entry rewritten for the medium: parameters that make the initramfs find the ISO added, parameters that would
     * defeat that removed, and the driver patch stated when the initrd lacks the pmem drivers.
     *
     * @param entry an entry as the image's boot configuration describes it
     */
    BootEntry adapt(BootEntry entry, BootImage image, BootMedium medium) throws IOException;
}
