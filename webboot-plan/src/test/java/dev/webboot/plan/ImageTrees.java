package dev.webboot.plan;

import dev.webboot.api.plan.BootImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds image trees in a directory of the default file system. */
public final class ImageTrees {
    private ImageTrees() {}

    /** Writes {@code content} to the absolute image path {@code path} under {@code root}. */
    public static Path write(Path root, String path, String content) {
        return write(root, path, content.getBytes(StandardCharsets.UTF_8));
    }

    public static Path write(Path root, String path, byte[] content) {
        try {
            Path file = root.resolve(path.substring(1));
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BootImage image(Path root) {
        return new BootImage(root, "TEST_LABEL", "2024-03-01-12-00-00-00");
    }

    /** The start of an x86 bzImage announcing {@code version}. */
    public static byte[] kernel(String version) {
        return dev.webboot.testing.KernelImages.bzImage(version);
    }
}
