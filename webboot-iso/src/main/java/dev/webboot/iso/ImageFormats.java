package dev.webboot.iso;

import dev.webboot.iso.internal.fs.ImageFileSystemProvider;
import java.io.IOException;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Opens an image as a file system of whichever installed format (ISO 9660, squashfs, ...) recognizes it. */
public final class ImageFormats {
    private ImageFormats() {}

    /**
     * The image as a file system, its format recognized by magic number; the file system owns {@code source}.
     *
     * @throws MalformedImageException if no installed format recognizes it (the source is then closed)
     */
    public static ImageFileSystem open(ImageSource source) throws IOException {
        List<String> schemes = new ArrayList<>();
        try {
            for (FileSystemProvider provider : FileSystemProvider.installedProviders()) {
                if (provider instanceof ImageFileSystemProvider images) {
                    schemes.add(images.getScheme());
                    Optional<ImageFileSystem> fs = images.tryOpen(source);
                    if (fs.isPresent()) {
                        return fs.get();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
        source.close();
        throw new MalformedImageException(
                source.name(), 0, "not an image of a known format (" + String.join(", ", schemes) + ")");
    }
}
