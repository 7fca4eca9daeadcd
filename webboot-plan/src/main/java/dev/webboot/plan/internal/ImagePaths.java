package dev.webboot.plan.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Normalizes paths inside an image and finds files whatever the case of their names. */
public final class ImagePaths {
    private ImagePaths() {}

    /** {@code a/./b/../c} as {@code /a/c}: absolute, {@code /}-separated, no trailing slash, never above the root. */
    public static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    /**
     * The file at an absolute image path, matching each name case-insensitively when the exact name is missing
     * (FAT-minded configs write {@code /efi/boot}, ISOs hold {@code /EFI/BOOT}).
     */
    public static Optional<Path> find(Path root, String imagePath) throws IOException {
        if (imagePath.indexOf('\0') >= 0) {
            // No file system stores a NUL in a name, and no Path can hold one: such a file is not in the image.
            return Optional.empty();
        }
        Path current = root;
        for (String part : normalize(imagePath).split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            Path exact = current.resolve(part);
            if (Files.exists(exact)) {
                current = exact;
                continue;
            }
            if (!Files.isDirectory(current)) {
                return Optional.empty();
            }
            Path match = null;
            try (DirectoryStream<Path> children = Files.newDirectoryStream(current)) {
                for (Path child : children) {
                    Path name = child.getFileName();
                    if (name != null && name.toString().equalsIgnoreCase(part)) {
                        match = child;
                        break;
                    }
                }
            }
            if (match == null) {
                return Optional.empty();
            }
            current = match;
        }
        return Optional.of(current);
    }

    /** The image path of a file under {@code root}: {@code /boot/grub/grub.cfg}. */
    public static String imagePathOf(Path root, Path file) {
        StringBuilder out = new StringBuilder();
        for (Path part : root.relativize(file)) {
            out.append('/').append(part.toString());
        }
        return out.length() == 0 ? "/" : out.toString();
    }
}
