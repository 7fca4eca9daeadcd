package dev.webboot.iso;

import dev.webboot.iso.ext4.Ext4FileSystemProvider;
import dev.webboot.iso.internal.fs.ImageFileSystemProvider;
import dev.webboot.iso.iso9660.Iso9660FileSystemProvider;
import dev.webboot.iso.squashfs.SquashfsFileSystemProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Opens an image as a file system of whichever format (ISO 9660, squashfs, ext4) recognizes it, without a provider
 * lookup: it works where {@code FileSystems.newFileSystem(path)} says "Provider not found" because webboot-iso is not
 * on the system class path (a plugin, {@code exec:java}, an application server).
 */
public final class ImageFormats {
    /** webboot-iso's formats, in the order they are tried; each is used through its installed provider if any. */
    private static final List<ImageFileSystemProvider> OWN =
            List.of(new Iso9660FileSystemProvider(), new SquashfsFileSystemProvider(), new Ext4FileSystemProvider());

    private ImageFormats() {}

    /**
     * The image file or block device at {@code image} (a path of any file system, read in place) as a file system,
     * its format recognized by magic number.
     *
     * @throws MalformedImageException if no format recognizes it
     */
    public static ImageFileSystem open(Path image) throws IOException {
        return open(ImageSources.open(image));
    }

    /**
     * The image as a file system, its format recognized by magic number; the file system owns {@code source}.
     *
     * @throws MalformedImageException if no format recognizes it (the source is then closed)
     */
    public static ImageFileSystem open(ImageSource source) throws IOException {
        List<String> schemes = new ArrayList<>();
        try {
            for (ImageFileSystemProvider images : providers()) {
                schemes.add(images.getScheme());
                Optional<ImageFileSystem> fs = images.tryOpen(source);
                if (fs.isPresent()) {
                    return fs.get();
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

    /**
     * The installed provider of each format when the system class loader sees this one's class (so a file system
     * opened here is the one {@code FileSystems} knows), else this class's own instance.
     */
    private static List<ImageFileSystemProvider> providers() {
        List<ImageFileSystemProvider> out = new ArrayList<>();
        for (ImageFileSystemProvider own : OWN) {
            ImageFileSystemProvider chosen = own;
            for (FileSystemProvider installed : FileSystemProvider.installedProviders()) {
                if (installed.getClass() == own.getClass()) {
                    chosen = (ImageFileSystemProvider) installed;
                }
            }
            out.add(chosen);
        }
        return out;
    }
}
