package dev.webboot.iso.internal.fs;

import dev.webboot.iso.MalformedImageException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns paths into entries: walks from the root, follows symlinks (at most {@link #MAX_SYMLINKS}, as Linux), and
 * caches directory listings in a bounded LRU so that large directories are looked up by name in constant time.
 */
final class PathResolver {
    /** Linux's MAXSYMLINKS. */
    static final int MAX_SYMLINKS = 40;
    /** Deeper than any real image (PATH_MAX is 4096 bytes, so at most 2048 levels). */
    static final int MAX_DEPTH = 2048;
    /** Directory entries kept in the listing cache, over all directories. */
    private static final int CACHED_ENTRIES = 1 << 20;

    private final ImageTree tree;
    private final Resolved root;
    private final Map<Object, Map<String, ImageNode>> listings = new LinkedHashMap<>(64, 0.75f, true);
    private long cachedEntries;
    /**
     * Where each directory reached so far lies: a directory of ISO 9660, squashfs or ext4 has exactly one parent, so
     * a second path to it is damage or a tree bomb (50 records naming one child, six levels deep, make 50^6 paths).
     */
    private final Map<Object, String> directoryPlaces = new java.util.HashMap<>();

    PathResolver(ImageTree tree) {
        this.tree = tree;
        this.root = Resolved.root(tree.root());
    }

    Resolved root() {
        return root;
    }

    /** Resolves an absolute path; a final symlink is followed only when {@code followFinal}. */
    Resolved resolve(ImagePath path, boolean followFinal) throws IOException {
        Resolved memo = path.memo();
        // A path from a directory listing knows its entry; unless that is a symlink to follow, it is the answer, and
        // no name index of the directory is needed (a walk of a million entries builds none).
        if (memo != null && (!followFinal || memo.node().type() != NodeType.SYMLINK)) {
            return memo;
        }
        Resolved result = walk(path.toAbsolutePath().toString(), followFinal);
        if (!followFinal) {
            path.memo(result);
        }
        return result;
    }

    private Resolved walk(String absolute, boolean followFinal) throws IOException {
        Deque<String> pending = new ArrayDeque<>(split(absolute));
        Resolved at = root;
        int symlinks = 0;
        while (!pending.isEmpty()) {
            String name = pending.removeFirst();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                at = at.parent() == null ? at : at.parent();
                continue;
            }
            if (at.node().type() != NodeType.DIRECTORY) {
                throw new NotDirectoryException(pathOf(at));
            }
            ImageNode child = lookup(at.node(), name)
                    .orElseThrow(() -> new NoSuchFileException(
                            absolute, null, "no such file in " + tree.source().name()));
            if (child.type() == NodeType.SYMLINK && (followFinal || !pending.isEmpty())) {
                if (++symlinks > MAX_SYMLINKS) {
                    throw new FileSystemException(absolute, null, "too many levels of symbolic links");
                }
                String target = child.linkTarget();
                List<String> targetNames = split(target);
                for (int i = targetNames.size() - 1; i >= 0; i--) {
                    pending.addFirst(targetNames.get(i));
                }
                if (target.startsWith("/")) {
                    at = root;
                }
                continue;
            }
            at = descend(at, child);
        }
        return at;
    }

    /** One step down, refusing loops and absurd depth. */
    Resolved descend(Resolved parent, ImageNode child) throws IOException {
        if (parent.depth() >= MAX_DEPTH) {
            throw new MalformedImageException(
                    tree.source().name(), -1, "directory tree deeper than " + MAX_DEPTH + " levels");
        }
        if (child.type() == NodeType.DIRECTORY && parent.hasAncestorOrSelf(child.fileKey())) {
            throw new MalformedImageException(
                    tree.source().name(),
                    -1,
                    "directory loop: " + pathOf(parent) + "/" + child.name()
                            + " is the same directory as one above it");
        }
        Resolved resolved = new Resolved(child, parent, parent.depth() + 1);
        if (child.type() == NodeType.DIRECTORY) {
            String path = pathOf(resolved);
            String first;
            synchronized (directoryPlaces) {
                first = directoryPlaces.putIfAbsent(child.fileKey(), path);
            }
            if (first != null && !first.equals(path)) {
                throw new MalformedImageException(
                        tree.source().name(),
                        child.recordOffset(),
                        "directory " + path + " is the directory " + first
                                + " again (a directory has one parent; a second path to it is a tree bomb)");
            }
        }
        return resolved;
    }

    /** The directory's entries in on-disk order. */
    List<ImageNode> list(ImageNode directory) throws IOException {
        return new ArrayList<>(listing(directory).values());
    }

    private Optional<ImageNode> lookup(ImageNode directory, String name) throws IOException {
        synchronized (listings) {
            Map<String, ImageNode> cached = listings.get(directory.fileKey());
            if (cached != null) {
                return Optional.ofNullable(cached.get(name));
            }
        }
        return Optional.ofNullable(listing(directory).get(name));
    }

    private Map<String, ImageNode> listing(ImageNode directory) throws IOException {
        synchronized (listings) {
            Map<String, ImageNode> cached = listings.get(directory.fileKey());
            if (cached != null) {
                return cached;
            }
        }
        Map<String, ImageNode> byName = new LinkedHashMap<>();
        for (ImageNode child : tree.children(directory)) {
            checkName(child);
            byName.putIfAbsent(child.name(), child);
        }
        synchronized (listings) {
            listings.put(directory.fileKey(), byName);
            cachedEntries += byName.size();
            var eldest = listings.entrySet().iterator();
            while (cachedEntries > CACHED_ENTRIES && listings.size() > 1 && eldest.hasNext()) {
                cachedEntries -= eldest.next().getValue().size();
                eldest.remove();
            }
        }
        return byName;
    }

    /**
     * Every format reader decodes names its own way; this is the one place that guarantees no entry can name its
     * parent or smuggle a separator, so that no consumer (an extractor above all) can be led outside a directory.
     */
    void checkName(ImageNode child) throws MalformedImageException {
        String name = child.name();
        if (name.isEmpty()
                || name.equals(".")
                || name.equals("..")
                || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0) {
            throw new MalformedImageException(
                    tree.source().name(),
                    -1,
                    "directory entry with the forbidden name '" + name.replace("\0", "\\0") + "'");
        }
    }

    static String pathOf(Resolved resolved) {
        List<String> names = new ArrayList<>();
        for (Resolved at = resolved; at != null && at.parent() != null; at = at.parent()) {
            names.add(0, at.node().name());
        }
        return "/" + String.join("/", names);
    }

    private static List<String> split(String path) {
        List<String> names = new ArrayList<>();
        for (String name : path.split("/")) {
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }
}
