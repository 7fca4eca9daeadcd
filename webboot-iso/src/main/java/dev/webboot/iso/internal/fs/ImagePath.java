package dev.webboot.iso.internal.fs;

import dev.webboot.iso.ImageFileSystem;
import java.io.IOException;
import java.net.URI;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A path inside an image: {@code /}-separated, like a Unix path. Immutable; the entry it names is resolved lazily and
 * remembered, so that paths produced by a directory listing never need a second lookup.
 */
public final class ImagePath implements Path {
    private final ImageFileSystem fs;
    /** Normalised text: no repeated or trailing '/', except the root "/" itself. */
    private final String path;
    /** Start offset of each name in {@link #path}. */
    private final int[] offsets;
    /** The entry this path named when it was last resolved without following a final symlink. */
    private volatile Resolved resolved;

    public ImagePath(ImageFileSystem fs, String path) {
        this.fs = fs;
        this.path = normalizeSeparators(path);
        this.offsets = offsetsOf(this.path);
    }

    ImagePath(ImageFileSystem fs, String path, Resolved resolved) {
        this(fs, path);
        this.resolved = resolved;
    }

    Resolved memo() {
        return resolved;
    }

    void memo(Resolved value) {
        this.resolved = value;
    }

    private static String normalizeSeparators(String input) {
        if (input.indexOf('\0') >= 0) {
            throw new java.nio.file.InvalidPathException(input, "NUL character in path");
        }
        StringBuilder out = new StringBuilder(input.length());
        char previous = 0;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == '/' && previous == '/') {
                continue;
            }
            out.append(c);
            previous = c;
        }
        if (out.length() > 1 && out.charAt(out.length() - 1) == '/') {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    private static int[] offsetsOf(String path) {
        if (path.isEmpty()) {
            return new int[] {0}; // the empty path has one empty name, as in the JDK
        }
        List<Integer> starts = new ArrayList<>();
        int i = 0;
        while (i < path.length()) {
            if (path.charAt(i) == '/') {
                i++;
                continue;
            }
            starts.add(i);
            while (i < path.length() && path.charAt(i) != '/') {
                i++;
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The path's names, without the root. */
    List<String> names() {
        List<String> names = new ArrayList<>(offsets.length);
        for (int i = 0; i < getNameCount(); i++) {
            names.add(nameAt(i));
        }
        return names;
    }

    private String nameAt(int index) {
        int start = offsets[index];
        int end = index + 1 < offsets.length ? offsets[index + 1] - 1 : path.length();
        return path.substring(start, end);
    }

    @Override
    public ImageFileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return path.startsWith("/");
    }

    @Override
    public Path getRoot() {
        return isAbsolute() ? new ImagePath(fs, "/") : null;
    }

    @Override
    public Path getFileName() {
        if (path.equals("/")) {
            return null;
        }
        if (path.isEmpty()) {
            return this;
        }
        return new ImagePath(fs, nameAt(offsets.length - 1));
    }

    @Override
    public Path getParent() {
        int count = getNameCount();
        if (count == 0 || (count == 1 && !isAbsolute())) {
            return null;
        }
        if (count == 1) {
            return getRoot();
        }
        return new ImagePath(fs, path.substring(0, offsets[count - 1] - 1));
    }

    @Override
    public int getNameCount() {
        return path.equals("/") ? 0 : offsets.length;
    }

    @Override
    public Path getName(int index) {
        if (index < 0 || index >= getNameCount()) {
            throw new IllegalArgumentException("name index " + index + " of " + getNameCount());
        }
        return new ImagePath(fs, nameAt(index));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        if (beginIndex < 0 || beginIndex >= endIndex || endIndex > getNameCount()) {
            throw new IllegalArgumentException("subpath(" + beginIndex + ", " + endIndex + ")");
        }
        return new ImagePath(fs, String.join("/", names().subList(beginIndex, endIndex)));
    }

    @Override
    public boolean startsWith(Path other) {
        ImagePath that = checked(other);
        if (that.isAbsolute() != isAbsolute() || that.getNameCount() > getNameCount()) {
            return false;
        }
        if (that.path.isEmpty()) {
            return path.isEmpty();
        }
        return names().subList(0, that.getNameCount()).equals(that.names());
    }

    @Override
    public boolean endsWith(Path other) {
        ImagePath that = checked(other);
        if (that.isAbsolute()) {
            return equals(that);
        }
        int n = that.getNameCount();
        if (n > getNameCount() || that.path.isEmpty()) {
            return that.path.isEmpty() && path.isEmpty();
        }
        List<String> mine = names();
        return mine.subList(mine.size() - n, mine.size()).equals(that.names());
    }

    @Override
    public Path normalize() {
        List<String> out = new ArrayList<>();
        for (String name : names()) {
            if (name.equals(".") || name.isEmpty()) {
                continue;
            }
            if (name.equals("..")) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                    out.remove(out.size() - 1);
                    continue;
                }
                if (isAbsolute()) {
                    continue; // "/.." is "/"
                }
            }
            out.add(name);
        }
        return new ImagePath(fs, (isAbsolute() ? "/" : "") + String.join("/", out));
    }

    @Override
    public Path resolve(Path other) {
        ImagePath that = checked(other);
        if (that.isAbsolute()) {
            return that;
        }
        if (that.path.isEmpty()) {
            return this;
        }
        if (path.isEmpty()) {
            return that;
        }
        return new ImagePath(fs, path.equals("/") ? "/" + that.path : path + "/" + that.path);
    }

    @Override
    public Path resolve(String other) {
        return resolve(new ImagePath(fs, other));
    }

    @Override
    public Path relativize(Path other) {
        ImagePath that = checked(other);
        if (that.isAbsolute() != isAbsolute()) {
            throw new IllegalArgumentException("'other' is different type of Path");
        }
        List<String> from = ((ImagePath) normalize()).names();
        List<String> to = ((ImagePath) that.normalize()).names();
        if (path.isEmpty() || path.equals("/")) {
            from = List.of();
        }
        int common = 0;
        while (common < from.size() && common < to.size() && from.get(common).equals(to.get(common))) {
            common++;
        }
        List<String> out = new ArrayList<>();
        for (int i = common; i < from.size(); i++) {
            out.add("..");
        }
        out.addAll(to.subList(common, to.size()));
        return new ImagePath(fs, String.join("/", out));
    }

    @Override
    public URI toUri() {
        return fs.uriOf(toAbsolutePath().toString());
    }

    @Override
    public Path toAbsolutePath() {
        return isAbsolute() ? this : new ImagePath(fs, "/" + path);
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        return FileSystemAccess.core(fs).realPath(this, options);
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("images are read-only: nothing to watch");
    }

    @Override
    public int compareTo(Path other) {
        return path.compareTo(checked(other).path);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImagePath that && that.fs == fs && that.path.equals(path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(fs), path);
    }

    @Override
    public String toString() {
        return path;
    }

    private ImagePath checked(Path other) {
        Objects.requireNonNull(other, "other");
        if (!(other instanceof ImagePath that) || that.fs != fs) {
            throw new ProviderMismatchException("not a path of " + fs);
        }
        return that;
    }
}
