package dev.webboot.iso.ext4;

import dev.webboot.iso.ImageFileSystem;
import dev.webboot.iso.ImageSource;
import dev.webboot.iso.internal.ext4.Ext4Tree;
import dev.webboot.iso.internal.fs.FileSystemAccess;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An ext2, ext3 or ext4 image as a read-only file system, read in pure Java without mounting anything: extent trees
 * and classic block maps, hashed directories, inline data, sparse files and unwritten extents (read as zeros).
 * Contents stream from the image in place through the caller's buffers, so a multi-GiB image or file never sits in
 * the heap. The journal is not replayed: the image is read as it stands. Images using a feature this reader cannot
 * read correctly (encryption, compression, dirdata, an external journal device) are refused with a {@link
 * dev.webboot.iso.MalformedImageException}.
 */
public final class Ext4FileSystem extends ImageFileSystem {
    private final Ext4Info info;

    Ext4FileSystem(Ext4FileSystemProvider provider, Ext4Tree tree) {
        super(FileSystemAccess.implementation(provider, tree));
        this.info = Ext4Info.of(tree.superblock());
    }

    /** Opens the ext2/3/4 image in a file or block device. */
    public static Ext4FileSystem open(Path image) throws IOException {
        return open(ImageSource.open(image));
    }

    /**
     * Opens the ext2/3/4 image in {@code source} (a file, a block device, a file inside another image); the file
     * system owns the source and closes it when closed, also when opening fails.
     *
     * @throws dev.webboot.iso.MalformedImageException if the image is not a well-formed ext2/3/4 image or uses a
     *     feature that is not supported
     */
    public static Ext4FileSystem open(ImageSource source) throws IOException {
        return Ext4FileSystemProvider.instance().open(source);
    }

    /** What the image's superblock says about it. */
    public Ext4Info info() {
        return info;
    }
}
