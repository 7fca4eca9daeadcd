package dev.webboot.iso.internal.fs;

import dev.webboot.iso.ImageFileSystem;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/** The file operations of an {@link ImageFileSystem}, over its {@link ImageTree}. Not API. */
public final class ImageFileSystemCore {
    private final ImageFileSystem fs;
    private final ImageTree tree;
    private final PathResolver resolver;
    private volatile boolean open = true;

    public ImageFileSystemCore(ImageFileSystem fs, ImageTree tree) {
        this.fs = fs;
        this.tree = tree;
        this.resolver = new PathResolver(tree);
    }

    public ImageTree tree() {
        return tree;
    }

    public boolean isOpen() {
        return open;
    }

    public void close() throws IOException {
        if (open) {
            open = false;
            tree.close();
        }
    }

    private void ensureOpen() {
        if (!open) {
            throw new ClosedFileSystemException();
        }
    }

    private static boolean follow(LinkOption... options) {
        for (LinkOption option : options) {
            if (option == LinkOption.NOFOLLOW_LINKS) {
                return false;
            }
        }
        return true;
    }

    /** The entry a path names. */
    public ImageNode node(Path path, LinkOption... options) throws IOException {
        return resolve(path, follow(options)).node();
    }

    private Resolved resolve(Path path, boolean followFinal) throws IOException {
        ensureOpen();
        return resolver.resolve(checkPath(path), followFinal);
    }

    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options) throws IOException {
        for (OpenOption option : options) {
            if (option != StandardOpenOption.READ && option != LinkOption.NOFOLLOW_LINKS) {
                throw new ReadOnlyFileSystemException();
            }
        }
        ImageNode node =
                resolve(path, !options.contains(LinkOption.NOFOLLOW_LINKS)).node();
        if (node.type() == NodeType.DIRECTORY) {
            throw new FileSystemException(path.toString(), null, "is a directory");
        }
        if (node.type() != NodeType.FILE) {
            throw new FileSystemException(path.toString(), null, "is not a regular file");
        }
        return tree.open(node);
    }

    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        Resolved directory = resolve(dir, true);
        if (directory.node().type() != NodeType.DIRECTORY) {
            throw new NotDirectoryException(dir.toString());
        }
        CursorDirectoryStream stream =
                new CursorDirectoryStream(dir, directory, tree.entries(directory.node()), filter);
        try {
            stream.readAhead();
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
        return stream;
    }

    private static String join(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    public Path readSymbolicLink(Path link) throws IOException {
        ImageNode node = resolve(link, false).node();
        if (node.type() != NodeType.SYMLINK) {
            throw new NotLinkException(link.toString());
        }
        String target = node.linkTarget();
        if (target.indexOf('\0') >= 0) {
            // Linux stores link targets as C strings: a NUL inside one is damage, and no Path can hold it.
            throw new java.nio.file.FileSystemException(
                    link.toString(),
                    null,
                    "symbolic link target contains a NUL byte, which no Linux file system stores");
        }
        return new ImagePath(fs, target);
    }

    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        resolve(path, true);
        for (AccessMode mode : modes) {
            if (mode == AccessMode.WRITE) {
                throw new ReadOnlyFileSystemException();
            }
        }
    }

    public boolean isSameFile(Path a, Path b) throws IOException {
        if (a.equals(b)) {
            return true;
        }
        if (!(b instanceof ImagePath) || b.getFileSystem() != fs) {
            return false;
        }
        return resolve(a, true).node().fileKey().equals(resolve(b, true).node().fileKey());
    }

    public Path realPath(ImagePath path, LinkOption... options) throws IOException {
        return new ImagePath(fs, PathResolver.pathOf(resolve(path, follow(options))));
    }

    @SuppressWarnings("unchecked")
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        if (type == BasicFileAttributes.class || type == PosixFileAttributes.class) {
            return (A) new ImageFileAttributes(node(path, options));
        }
        throw new UnsupportedOperationException("attributes of type " + type.getName() + " are not supported");
    }

    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        String view = "basic";
        String names = attributes;
        int colon = attributes.indexOf(':');
        if (colon >= 0) {
            view = attributes.substring(0, colon);
            names = attributes.substring(colon + 1);
        }
        if (!ImageFileSystem.VIEWS.contains(view) && !view.equals("xattr")) {
            throw new UnsupportedOperationException("no attribute view named '" + view + "'");
        }
        Map<String, Object> all = new ImageFileAttributes(node(path, options)).view(view);
        if (names.equals("*")) {
            return all;
        }
        Map<String, Object> selected = new LinkedHashMap<>();
        for (String name : names.split(",")) {
            if (name.equals("*")) {
                selected.putAll(all);
            } else if (all.containsKey(name)) {
                selected.put(name, all.get(name));
            } else if (!view.equals("xattr")) {
                throw new IllegalArgumentException("'" + name + "' is not an attribute of view '" + view + "'");
            }
        }
        return selected;
    }

    @SuppressWarnings("unchecked")
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        ImageAttributeViews.Lookup lookup = () -> new ImageFileAttributes(node(path, options));
        if (type == BasicFileAttributeView.class) {
            return (V) new ImageAttributeViews.Posix(lookup, "basic");
        }
        if (type == PosixFileAttributeView.class) {
            return (V) new ImageAttributeViews.Posix(lookup, "posix");
        }
        if (type == UserDefinedFileAttributeView.class) {
            return (V) new ImageAttributeViews.User(lookup);
        }
        return null; // the FileSystemProvider contract: null for an unsupported view
    }

    /**
     * A listing read as it is iterated, one entry at a time: a directory of a million entries never lies in memory
     * whole. Each path carries its entry, so reading its attributes needs no lookup. The first {@link #READ_AHEAD}
     * entries are read when the stream is opened, so that a damaged directory of ordinary size fails there with its
     * {@code IOException}; only past them does damage surface while iterating, as a
     * {@link java.nio.file.DirectoryIteratorException}.
     */
    private final class CursorDirectoryStream implements DirectoryStream<Path> {
        private static final int READ_AHEAD = 4096;
        private final java.util.ArrayDeque<Path> ahead = new java.util.ArrayDeque<>();
        private boolean exhausted;
        private final Path dir;
        private final Resolved directory;
        private final EntryCursor cursor;
        private final DirectoryStream.Filter<? super Path> filter;
        private boolean iterated;
        private boolean closed;

        CursorDirectoryStream(
                Path dir, Resolved directory, EntryCursor cursor, DirectoryStream.Filter<? super Path> filter) {
            this.dir = dir;
            this.directory = directory;
            this.cursor = cursor;
            this.filter = filter;
        }

        /** Reads entries until {@link #READ_AHEAD} are waiting or the directory ends. */
        synchronized void readAhead() throws IOException {
            while (!exhausted && ahead.size() < READ_AHEAD) {
                java.util.Optional<ImageNode> next = cursor.next();
                if (next.isEmpty()) {
                    exhausted = true;
                    cursor.close();
                    return;
                }
                ImageNode child = next.get();
                resolver.checkName(child);
                Resolved resolved = resolver.descend(directory, child);
                Path entry = new ImagePath(fs, join(dir.toString(), child.name()), resolved);
                if (filter.accept(entry)) {
                    ahead.add(entry);
                }
            }
        }

        @Override
        public synchronized Iterator<Path> iterator() {
            if (closed || iterated) {
                throw new IllegalStateException(closed ? "directory stream closed" : "iterator already obtained");
            }
            iterated = true;
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    synchronized (CursorDirectoryStream.this) {
                        if (closed) {
                            return false;
                        }
                        if (ahead.isEmpty()) {
                            try {
                                readAhead();
                            } catch (IOException e) {
                                throw new java.nio.file.DirectoryIteratorException(e);
                            }
                        }
                        return !ahead.isEmpty();
                    }
                }

                @Override
                public Path next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    synchronized (CursorDirectoryStream.this) {
                        return ahead.removeFirst();
                    }
                }
            };
        }

        @Override
        public synchronized void close() throws IOException {
            if (!closed) {
                closed = true;
                cursor.close();
            }
        }
    }

    /** The path as an {@link ImagePath} of this file system, or a {@link java.nio.file.ProviderMismatchException}. */
    ImagePath checkPath(java.nio.file.Path path) {
        if (!(java.util.Objects.requireNonNull(path, "path") instanceof ImagePath imagePath)
                || path.getFileSystem() != fs) {
            throw new java.nio.file.ProviderMismatchException("not a path of " + fs);
        }
        return imagePath;
    }
}
