package dev.webboot.api.plan;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An opened live image as plugins see it.
 *
 * @param root the root directory of the image's file system (any {@link java.nio.file.FileSystem}: the ISO's own, or
 *     a directory of the default one)
 * @param label the volume label ({@code ""} when there is none)
 * @param uuid the volume UUID as blkid prints it ({@code ""} when there is none)
 */
public record BootImage(Path root, String label, String uuid) {
    public BootImage {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(uuid, "uuid");
    }

    /**
     * The path of an absolute image path ({@code /casper/vmlinuz}) under {@link #root()}; never escapes the root.
     */
    public Path resolve(String imagePath) {
        Path resolved = root;
        for (String part : imagePath.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!resolved.equals(root)) {
                    resolved = resolved.getParent();
                }
                continue;
            }
            resolved = resolved.resolve(part);
        }
        return resolved;
    }
}
