package dev.webboot.iso.boot;

import dev.webboot.iso.ImageFileSystem;
import dev.webboot.iso.ImageFormats;
import dev.webboot.iso.ImageSources;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The root file system of a live ISO, opened in place from the image file that holds it: the squashfs itself
 * ({@code /live/filesystem.squashfs}, {@code /casper/*.squashfs}, Fedora's direct {@code /LiveOS/squashfs.img}), or,
 * in Fedora's classic layout, the ext4 image {@code /LiveOS/rootfs.img} (older releases: {@code ext3fs.img}) inside
 * that squashfs. Nothing is mounted or copied; closing it closes every image opened on the way.
 */
public final class LiveRootFileSystem implements Closeable {
    /** Where dracut's dmsquash-live looks for an ext4 root inside the squashfs, in its order. */
    static final List<String> EMBEDDED_ROOTS = List.of("/LiveOS/rootfs.img", "/LiveOS/ext3fs.img");

    private final List<ImageFileSystem> opened;
    private final String name;

    private LiveRootFileSystem(List<ImageFileSystem> opened, String name) {
        this.opened = opened;
        this.name = name;
    }

    /**
     * Opens the root file system held by {@code image} (a path in an opened ISO, or any file), its format (squashfs,
     * ext2/3/4) recognized by magic number.
     *
     * @throws dev.webboot.iso.MalformedImageException if the image, or the ext4 image inside it, is of no known
     *     format or is malformed
     */
    public static LiveRootFileSystem open(Path image) throws IOException {
        String name = describe(image);
        ImageFileSystem outer = ImageFormats.open(ImageSources.of(Files.newByteChannel(image), name));
        try {
            for (String embedded : EMBEDDED_ROOTS) {
                Path inner = outer.getPath(embedded);
                if (Files.isRegularFile(inner)) {
                    String innerName = name + "!" + embedded;
                    ImageFileSystem root = ImageFormats.open(ImageSources.of(Files.newByteChannel(inner), innerName));
                    return new LiveRootFileSystem(List.of(root, outer), innerName);
                }
            }
            return new LiveRootFileSystem(List.of(outer), name);
        } catch (IOException | RuntimeException e) {
            try {
                outer.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static String describe(Path image) {
        return image.getFileSystem() instanceof ImageFileSystem fs
                ? fs.source().name() + "!" + image
                : image.toString();
    }

    /** The root directory ({@code /}) of the live system's file system. */
    public Path root() {
        return opened.get(0).getPath("/");
    }

    /** The innermost image's name as messages show it: {@code live.iso!/LiveOS/squashfs.img!/LiveOS/rootfs.img}. */
    public String name() {
        return name;
    }

    /** Whether the root is an image inside the squashfs (Fedora's classic layout) rather than the squashfs itself. */
    public boolean isEmbedded() {
        return opened.size() > 1;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (ImageFileSystem fs : opened) {
            try {
                fs.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
