package dev.webboot.iso.squashfs;

import dev.webboot.iso.ImageFileSystem;
import dev.webboot.iso.ImageSource;
import dev.webboot.iso.internal.fs.FileSystemAccess;
import dev.webboot.iso.internal.squashfs.SquashfsTree;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A squashfs 4.0 image as a read-only file system. Every compressor mksquashfs writes is supported; contents are
 * decoded block by block as they are read, through small fixed-size caches, so a multi-GiB image never sits in the
 * heap. Extended attributes are readable as {@code Files.readAttributes(path, "xattr:*")} (and {@code user:*}).
 */
public final class SquashfsFileSystem extends ImageFileSystem {
    private final SquashfsInfo info;

    SquashfsFileSystem(SquashfsFileSystemProvider provider, SquashfsTree tree) {
        super(FileSystemAccess.implementation(provider, tree));
        this.info = SquashfsInfo.of(tree.superblock());
    }

    /** Opens the squashfs image in a file or block device. */
    public static SquashfsFileSystem open(Path image) throws IOException {
        return open(ImageSource.open(image));
    }

    /**
     * Opens the squashfs image in {@code source} (a file, a block device, a byte range of another image); the file
     * system owns the source and closes it when closed, also when opening fails.
     *
     * @throws dev.webboot.iso.MalformedImageException if the image is not a well-formed squashfs 4.0 image
     */
    public static SquashfsFileSystem open(ImageSource source) throws IOException {
        return SquashfsFileSystemProvider.instance().open(source);
    }

    /** What the image's superblock says about it. */
    public SquashfsInfo info() {
        return info;
    }
}
