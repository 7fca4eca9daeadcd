package dev.webboot.iso.iso9660;

import dev.webboot.iso.ImageFileSystem;
import dev.webboot.iso.ImageSource;
import dev.webboot.iso.ImageSources;
import dev.webboot.iso.internal.fs.FileSystemAccess;
import dev.webboot.iso.internal.fs.ImageNode;
import dev.webboot.iso.internal.fs.NodeType;
import dev.webboot.iso.internal.iso9660.IsoNode;
import dev.webboot.iso.internal.iso9660.IsoTree;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.spi.FileSystemProvider;
import java.util.List;

/**
 * A read-only file system over an ISO 9660 image: Rock Ridge names and attributes when the image has them, else
 * Joliet names, else plain names as Linux shows them. Besides the usual {@code java.nio.file} operations it tells
 * where a file's bytes lie in the image, so an image inside (a squashfs, an initrd) can be read in place.
 *
 * <pre>{@code
 * try (Iso9660FileSystem iso = Iso9660FileSystem.open(Path.of("debian.iso"))) {
 *     List<Extent> extents = iso.extents(iso.getPath("/live/filesystem.squashfs"));
 * }
 * }</pre>
 */
public final class Iso9660FileSystem extends ImageFileSystem {
    private final IsoTree tree;

    Iso9660FileSystem(Iso9660FileSystemProvider provider, IsoTree tree) {
        super(FileSystemAccess.implementation(provider, tree));
        this.tree = tree;
    }

    /**
     * Opens an image file or block device.
     *
     * @throws dev.webboot.iso.MalformedImageException if it is not a well-formed ISO 9660 image
     */
    public static Iso9660FileSystem open(Path image) throws IOException {
        return open(ImageSources.open(image));
    }

    /**
     * Opens an image from any source; the file system owns the source and closes it when it is closed, also when
     * opening fails.
     *
     * @throws dev.webboot.iso.MalformedImageException if it is not a well-formed ISO 9660 image
     */
    public static Iso9660FileSystem open(ImageSource source) throws IOException {
        return installedProvider().openIso(source);
    }

    private static Iso9660FileSystemProvider installedProvider() {
        for (FileSystemProvider provider : FileSystemProvider.installedProviders()) {
            if (provider instanceof Iso9660FileSystemProvider iso) {
                return iso;
            }
        }
        return Iso9660FileSystemProvider.FALLBACK;
    }

    /** The volume's facts: label, UUID, sizes, Rock Ridge/Joliet, El Torito entries, hybrid partition table. */
    public IsoVolume volume() {
        return tree.volume();
    }

    /**
     * Where a regular file's bytes lie in the image, in order; empty for an empty file. A directory gives its one
     * extent of directory records. Symlinks are followed.
     *
     * @throws java.nio.file.NoSuchFileException if the path does not exist
     * @throws IOException if the path is not a regular file or a directory
     */
    public List<Extent> extents(Path path) throws IOException {
        ImageNode node = FileSystemAccess.core(this).node(path);
        if (node.type() != NodeType.FILE && node.type() != NodeType.DIRECTORY) {
            throw new IOException(path + " is neither a regular file nor a directory");
        }
        return ((IsoNode) node).extents();
    }

    /** The bytes of a boot entry's image (a FAT image for UEFI, a loader for BIOS), read in place. */
    public ImageSource bootImage(ElToritoEntry entry) throws IOException {
        return ImageSources.slice(
                source(),
                entry.imageOffset(),
                entry.imageLength(),
                source().name() + "!boot-" + entry.platform().id() + "@" + entry.imageOffset());
    }
}
