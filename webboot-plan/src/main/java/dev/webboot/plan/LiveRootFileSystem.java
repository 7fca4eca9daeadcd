package dev.webboot.plan;

import dev.webboot.iso.ImageFileSystem;
import dev.webboot.iso.ImageFormats;
import dev.webboot.iso.ImageSources;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The root file system of a live ISO — the one that holds {@code lib/modules/VERSION} of the ISO's kernel — opened in
 * place from the image file that holds it: the squashfs itself, or, in Fedora's classic layout, the ext4 image
 * {@code /LiveOS/rootfs.img} (older releases: {@code ext3fs.img}) inside that squashfs. Nothing is mounted or copied;
 * closing it closes every image opened on the way.
 *
 * <p>Where live systems keep it ({@link #candidates}): live-boot {@code /live/filesystem.squashfs}; casper {@code
 * /casper/filesystem.squashfs} or, since Ubuntu 24.04, layers such as {@code /casper/minimal.squashfs}; archiso {@code
 * /arch/x86_64/airootfs.sfs} (SystemRescue {@code /sysresccd/x86_64/airootfs.sfs}); miso {@code
 * /manjaro/x86_64/rootfs.sfs}; dracut/kiwi {@code /LiveOS/squashfs.img}.
 *
 * <p>Shared by the planner (which drivers a kernel has built in) and the driver injection (which module files to add),
 * so that both look at the same file system.
 */
public final class LiveRootFileSystem implements Closeable {
    /** Root images by their path inside the ISO, in the order they are tried. */
    public static final List<String> KNOWN_IMAGES = List.of(
            "/live/filesystem.squashfs",
            "/casper/filesystem.squashfs",
            "/casper/minimal.squashfs",
            "/arch/x86_64/airootfs.sfs",
            "/sysresccd/x86_64/airootfs.sfs",
            "/manjaro/x86_64/rootfs.sfs",
            "/LiveOS/squashfs.img");

    /** Directories searched for other squashfs images ({@code *.squashfs}, {@code *.sfs}, {@code squashfs.img}). */
    private static final List<String> SEARCHED_DIRECTORIES = List.of(
            "/live", "/casper", "/LiveOS", "/arch/x86_64", "/sysresccd/x86_64", "/manjaro/x86_64", "/boot/x86_64");

    /** Where dracut's dmsquash-live looks for an ext4 root inside the squashfs, in its order. */
    static final List<String> EMBEDDED_ROOTS = List.of("/LiveOS/rootfs.img", "/LiveOS/ext3fs.img");

    private static final List<String> MODULE_BASES = List.of("lib/modules", "usr/lib/modules");
    private static final int MAX_LISTED = 4096;

    private final List<ImageFileSystem> opened;
    private final String name;

    private LiveRootFileSystem(List<ImageFileSystem> opened, String name) {
        this.opened = opened;
        this.name = name;
    }

    /**
     * The images of an ISO that may hold its root file system, most likely first: the known ones present, then other
     * squashfs images of the live directories by name (a layered casper's smallest layer, {@code minimal}, carries the
     * kernel's modules and sorts first).
     */
    public static List<Path> candidates(Path isoRoot) throws IOException {
        Set<Path> found = new LinkedHashSet<>();
        for (String known : KNOWN_IMAGES) {
            Path p = isoRoot.resolve(known.substring(1));
            if (Files.isRegularFile(p)) {
                found.add(p);
            }
        }
        for (String dir : SEARCHED_DIRECTORIES) {
            Path d = isoRoot.resolve(dir.substring(1));
            if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            List<Path> images = new ArrayList<>();
            try (DirectoryStream<Path> children = Files.newDirectoryStream(d)) {
                for (Path child : children) {
                    if (images.size() >= MAX_LISTED) {
                        break;
                    }
                    if (isSquashfsName(child) && Files.isRegularFile(child)) {
                        images.add(child);
                    }
                }
            }
            images.sort(Comparator.comparing(p -> p.getFileName().toString()));
            found.addAll(images);
        }
        return List.copyOf(found);
    }

    private static boolean isSquashfsName(Path file) {
        Path fileName = file.getFileName();
        String n = fileName == null ? "" : fileName.toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".squashfs") || n.endsWith(".sfs") || n.equals("squashfs.img");
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

    /**
     * {@code /lib/modules/VERSION} (or {@code /usr/lib/modules/VERSION}) of the kernel; with an empty version, the
     * only release there is. Empty when the file system has no such directory.
     */
    public Optional<Path> modulesDirectory(String kernelVersion) throws IOException {
        Path root = root();
        for (String base : MODULE_BASES) {
            Path dir = root.resolve(base);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            if (!kernelVersion.isEmpty()) {
                if (Files.isDirectory(dir.resolve(kernelVersion))) {
                    return Optional.of(dir.resolve(kernelVersion));
                }
                continue;
            }
            List<Path> versions = new ArrayList<>();
            try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
                for (Path child : children) {
                    if (Files.isDirectory(child) && versions.size() < 2) {
                        versions.add(child);
                    }
                }
            }
            if (versions.size() == 1) {
                return Optional.of(versions.get(0));
            }
        }
        return Optional.empty();
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
