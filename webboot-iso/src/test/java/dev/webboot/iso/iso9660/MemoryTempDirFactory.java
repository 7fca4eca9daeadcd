package dev.webboot.iso.iso9660;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Temporary directories in {@code /dev/shm} when it exists with room to spare: the ISO tests write and extract
 * thousands of files and gigabyte images, which on tmpfs costs no disk writes. Elsewhere, the default temp directory.
 */
public final class MemoryTempDirFactory implements TempDirFactory {
    private static final long ROOM = 10L << 30;

    @Override
    public Path createTempDirectory(AnnotatedElementContext elementContext, ExtensionContext extensionContext)
            throws IOException {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm)
                && Files.isWritable(shm)
                && Files.getFileStore(shm).getUsableSpace() > ROOM) {
            return Files.createTempDirectory(shm, "webboot-iso-test");
        }
        return Files.createTempDirectory("webboot-iso-test");
    }
}
