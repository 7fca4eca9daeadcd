package dev.webboot.iso;

import dev.webboot.iso.internal.fs.FileSystemAccess;
import dev.webboot.iso.internal.fs.Globs;
import dev.webboot.iso.internal.fs.ImageFileStore;
import dev.webboot.iso.internal.fs.ImageFileSystemCore;
import dev.webboot.iso.internal.fs.ImageFileSystemProvider;
import dev.webboot.iso.internal.fs.ImagePath;
import dev.webboot.iso.internal.fs.ImageTree;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A read-only {@link FileSystem} over an image (ISO 9660, squashfs, ...), in the manner of the JDK's zip file system:
 * {@link java.nio.file.Files#walk}, {@link java.nio.file.Files#newByteChannel}, {@link
 * java.nio.file.Files#readAttributes} and {@link java.nio.file.Files#readSymbolicLink} work on its paths.
 *
 * <p>Attribute views: {@code basic}, {@code posix}, {@code unix} (adds {@code mode}, {@code uid}, {@code gid}, {@code
 * nlink}, {@code rdev}, {@code ctime} and {@code ino} where the format has inode numbers) and {@code user} (the
 * {@code user.*} extended attributes); {@code readAttributes(path, "xattr:*")} returns every extended attribute by its
 * full name. Contents are read in place and lazily; nothing is ever written.
 *
 * <p>Closing the file system closes the image it opened. Format-specific file systems extend this class.
 */
public class ImageFileSystem extends FileSystem {
    /** The attribute views every image supports. */
    public static final Set<String> VIEWS = Set.of("basic", "posix", "unix", "user");

    static {
        FileSystemAccess.install(new FileSystemAccess.Bridge() {
            @Override
            public Implementation implementation(ImageFileSystemProvider provider, ImageTree tree) {
                return new Implementation(provider, tree);
            }

            @Override
            public ImageFileSystemCore core(ImageFileSystem fs) {
                return fs.core;
            }
        });
    }

    /**
     * What a format reader inside webboot-iso hands to this class's constructor. Opaque: it is made only by webboot-iso
     * itself, so the format file systems are reached through their factories ({@code Iso9660FileSystem.open}, {@link
     * Images#open}), as the JDK's zipfs is.
     */
    public static final class Implementation {
        private final ImageFileSystemProvider provider;
        private final ImageTree tree;

        private Implementation(ImageFileSystemProvider provider, ImageTree tree) {
            this.provider = Objects.requireNonNull(provider, "provider");
            this.tree = Objects.requireNonNull(tree, "tree");
        }
    }

    private final ImageFileSystemProvider provider;
    private final ImageFileSystemCore core;

    /** Format readers create their file system through this constructor; see {@code Iso9660FileSystem}. */
    protected ImageFileSystem(Implementation implementation) {
        this.provider = implementation.provider;
        this.core = new ImageFileSystemCore(this, implementation.tree);
    }

    /** The image this file system reads. */
    public ImageSource source() {
        return core.tree().source();
    }

    /** The URI of a path in this file system: {@code SCHEME:file:///image!/path}. */
    public URI uriOf(String path) {
        String image;
        try {
            image = Path.of(source().name()).toAbsolutePath().toUri().toString();
        } catch (RuntimeException notAPath) {
            image = source().name();
        }
        return URI.create(provider.getScheme() + ":" + image + "!" + path.replace(" ", "%20"));
    }

    @Override
    public FileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() throws IOException {
        provider.closed(this);
        core.close();
    }

    @Override
    public boolean isOpen() {
        return core.isOpen();
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return List.of(getPath("/"));
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return List.of(new ImageFileStore(this, provider.getScheme()));
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return VIEWS;
    }

    @Override
    public Path getPath(String first, String... more) {
        if (more.length == 0) {
            return new ImagePath(this, first);
        }
        StringBuilder joined = new StringBuilder(first);
        for (String part : more) {
            if (!part.isEmpty()) {
                if (joined.length() > 0) {
                    joined.append('/');
                }
                joined.append(part);
            }
        }
        return new ImagePath(this, joined.toString());
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        int colon = syntaxAndPattern.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected syntax:pattern, got " + syntaxAndPattern);
        }
        String syntax = syntaxAndPattern.substring(0, colon);
        String pattern = syntaxAndPattern.substring(colon + 1);
        Pattern regex;
        if (syntax.equalsIgnoreCase("glob")) {
            regex = Pattern.compile(Globs.toRegex(pattern));
        } else if (syntax.equalsIgnoreCase("regex")) {
            regex = Pattern.compile(pattern);
        } else {
            throw new UnsupportedOperationException("pattern syntax '" + syntax + "' is not supported");
        }
        return path -> regex.matcher(path.toString()).matches();
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        throw new UnsupportedOperationException("images store numeric owners only");
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("images are read-only: nothing to watch");
    }

    @Override
    public String toString() {
        return provider.getScheme() + ":" + source().name();
    }
}
