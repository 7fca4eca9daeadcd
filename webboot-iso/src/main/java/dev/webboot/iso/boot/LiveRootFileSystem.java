package dev.webboot.iso.boot;

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
 * The root file system a live ISO mounts after its initrd — the one that holds {@code lib/modules/VERSION} of the
 * ISO's kernel — found and opened in place (nothing is copied).
 *
 * <p>Where live systems keep it: live-boot {@code /live/filesystem.squashfs}; casper {@code /casper/filesystem.squashfs}
 * or, since Ubuntu 24.04, layers such as {@code /casper/minimal.squashfs} and {@code minimal.standard.squashfs};
 * archiso {@code /arch/x86_64/airootfs.sfs} (SystemRescue {@code /sysresccd/x86_64/airootfs.sfs}); miso
 * {@code /manjaro/x86_64/rootfs.sfs}; dracut/kiwi {@code /LiveOS/squashfs.img}. Fedora's classic layout nests one more
 * image: {@code LiveOS/squashfs.img} holds {@code LiveOS/rootfs.img}, an ext4 file system; {@link #open} steps into it
 * through {@link ImageFormats}, so it is read as soon as a provider for ext4 is installed (until then opening such a
 * layout fails with a {@link dev.webboot.iso.MalformedImageException} that names the inner image).
 *
 * <p>Shared by the planner (which drivers a kernel has built in) and the driver injection (which module files to
 * add), so that both look at the same file system.
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

    /** Images nested in a root squashfs that are the real root (Fedora's classic live layout). */
    private static final List<String> NESTED_ROOTS = List.of("/LiveOS/rootfs.img", "/LiveOS/ext3fs.img");

    private static final List<String> MODULE_BASES = List.of("/lib/modules", "/usr/lib/modules");
    private static final int MAX_LISTED = 4096;

    private final String name;
    private final Path root;
    private final List<ImageFileSystem> opened;

    private LiveRootFileSystem(String name, Path root, List<ImageFileSystem> opened) {
        this.name = name;
        this.root = root;
        this.opened = opened;
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
     * Opens a root image (a path of the ISO's file system): the squashfs itself, or the ext4 image inside it when it
     * holds {@code LiveOS/rootfs.img}.
     */
    public static LiveRootFileSystem open(Path image) throws IOException {
        List<ImageFileSystem> opened = new ArrayList<>();
        String name = image.toString();
        try {
            ImageFileSystem outer = ImageFormats.open(ImageSources.of(Files.newByteChannel(image), name));
            opened.add(0, outer);
            Path root = outer.getPath("/");
            for (String nested : NESTED_ROOTS) {
                Path inner = outer.getPath(nested);
                if (Files.isRegularFile(inner)) {
                    // Fedora's classic layout: the ext4 image is the root. ImageFormats picks its reader by magic.
                    name = name + "!" + nested;
                    ImageFileSystem ext = ImageFormats.open(ImageSources.of(Files.newByteChannel(inner), name));
                    opened.add(0, ext);
                    root = ext.getPath("/");
                    break;
                }
            }
            return new LiveRootFileSystem(name, root, List.copyOf(opened));
        } catch (IOException | RuntimeException e) {
            for (ImageFileSystem fs : opened) {
                try {
                    fs.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** How the command line names this file system: {@code /live/filesystem.squashfs}. */
    public String name() {
        return name;
    }

    /** Its root directory. */
    public Path root() {
        return root;
    }

    /**
     * {@code /lib/modules/VERSION} (or {@code /usr/lib/modules/VERSION}) of the kernel; with an empty version, the
     * only release there is. Empty when the file system has no such directory.
     */
    public Optional<Path> modulesDirectory(String kernelVersion) throws IOException {
        for (String base : MODULE_BASES) {
            Path dir = root.resolve(base.substring(1));
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

    /** Closes every image opened for it (not the ISO). */
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
}
