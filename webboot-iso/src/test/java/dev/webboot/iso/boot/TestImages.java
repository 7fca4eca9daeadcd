package dev.webboot.iso.boot;

import dev.webboot.api.plan.BootImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds image trees in a directory of the default file system. */
public final class TestImages {
    private TestImages() {}

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

    /**
     * The start of an x86 bzImage: the boot-protocol header ({@code HdrS}, version 2.15) whose
     * {@code kernel_version} pointer leads to {@code version + " (builder@host) #1 SMP"}.
     */
    public static byte[] kernel(String version) {
        byte[] bytes = new byte[0x400];
        bytes[0x1FE] = 0x55;
        bytes[0x1FF] = (byte) 0xAA;
        byte[] magic = "HdrS".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, bytes, 0x202, 4);
        bytes[0x206] = 0x0F;
        bytes[0x207] = 0x02;
        int pointer = 0x300 - 0x200;
        bytes[0x20E] = (byte) pointer;
        bytes[0x20F] = (byte) (pointer >> 8);
        byte[] text = (version + " (builder@host) #1 SMP").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, bytes, 0x300, text.length);
        return bytes;
    }
}
