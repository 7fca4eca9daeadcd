package dev.webboot.iso;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a file or a directory tree out of an image into a directory of the default file system, and never writes
 * outside that directory: every target is checked to lie below it, an existing file is overwritten only when asked
 * ({@link IfExists}), and no symlink (from the image or already there) is followed when writing.
 *
 * <p>Hard links in the image become hard links; device nodes, fifos and sockets are skipped (creating them needs
 * {@code mknod}) and counted. Permissions and modification times are restored; set-id bits are not.
 */
public final class ImageExtractor {
    private static final Logger log = LoggerFactory.getLogger(ImageExtractor.class);
    private static final int BUFFER = 1 << 20;

    private ImageExtractor() {}

    /** What to do with an entry whose target already exists in the destination. */
    public enum IfExists {
        /** Stop with a {@link java.nio.file.FileAlreadyExistsException} naming it (the default). */
        REFUSE,
        /**
         * Replace it: an existing file or symlink is removed (never followed) and written anew; an existing directory
         * is written into. A directory where the image has a file is not removed: that fails.
         */
        OVERWRITE,
        /** Keep it as it is and go on; an existing directory is written into. Counted as skipped. */
        SKIP
    }

    /**
     * Extracts {@code from} (a path of an {@link ImageFileSystem}) into {@code destination}: a directory's contents go
     * straight into {@code destination}; a single file is written as {@code destination/NAME}. An existing target
     * stops the extraction ({@link IfExists#REFUSE}).
     */
    public static ExtractionSummary extract(Path from, Path destination) throws IOException {
        return extract(from, destination, IfExists.REFUSE);
    }

    /**
     * Extracts as {@link #extract(Path, Path)} does, doing {@code ifExists} with each target that already exists: a
     * second run into the same directory can complete (or refresh) the first.
     */
    public static ExtractionSummary extract(Path from, Path destination, IfExists ifExists) throws IOException {
        return extract(from, destination, ifExists, ImageWalk.DEFAULT_MAX_ENTRIES);
    }

    /**
     * Extracts as {@link #extract(Path, Path, IfExists)} does, visiting at most {@code maxEntries} entries below
     * {@code from}; one more is a {@link TooManyEntriesException} (what was written by then stays in
     * {@code destination}).
     */
    public static ExtractionSummary extract(Path from, Path destination, IfExists ifExists, long maxEntries)
            throws IOException {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries " + maxEntries + " is negative");
        }
        Files.createDirectories(destination);
        Path root = destination.toRealPath();
        Counter counter = new Counter(ifExists);
        BasicFileAttributes top = Files.readAttributes(from, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!top.isDirectory()) {
            Path name = from.getFileName();
            String fileName = name == null ? "image-root" : name.toString();
            writeEntry(from, top, checkedTarget(root, root, fileName), counter);
            return counter.summary();
        }
        Deque<Path> targets = new ArrayDeque<>();
        long[] visited = {0};
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            private void count() throws TooManyEntriesException {
                if (++visited[0] > maxEntries) {
                    throw new TooManyEntriesException(from.toString(), maxEntries);
                }
            }

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target;
                if (targets.isEmpty()) {
                    target = root;
                } else {
                    count();
                    target = checkedTarget(
                            root, targets.peek(), dir.getFileName().toString());
                    // An existing directory (not a symlink to one) is written into when asked to go on.
                    boolean writeInto =
                            ifExists != IfExists.REFUSE && Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
                    if (!writeInto) {
                        if (ifExists == IfExists.SKIP && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                            counter.skippedExisting++;
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        if (ifExists == IfExists.OVERWRITE) {
                            Files.deleteIfExists(target); // a file or a symlink: the link itself, never its target
                        }
                        Files.createDirectory(target);
                        counter.directories++;
                    }
                }
                targets.push(target);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                count();
                writeEntry(
                        file,
                        attrs,
                        checkedTarget(root, targets.peek(), file.getFileName().toString()),
                        counter);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Path target = targets.pop();
                if (target != root) {
                    restoreMetadata(dir, target);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return counter.summary();
    }

    /** {@code parent/name}, refusing any name or parent that could lead outside {@code root}. */
    private static Path checkedTarget(Path root, Path parent, String name) throws IOException {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\0")) {
            throw new FileSystemException(name, null, "refusing to extract an entry with this name");
        }
        Path target = parent.resolve(name).normalize();
        if (!target.startsWith(root) || !target.getParent().equals(parent)) {
            throw new FileSystemException(target.toString(), null, "refusing to write outside " + root);
        }
        if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileSystemException(
                    parent.toString(), null, "is not a directory (a symlink?); refusing to write below it");
        }
        return target;
    }

    private static void writeEntry(Path file, BasicFileAttributes attrs, Path target, Counter counter)
            throws IOException {
        if (counter.ifExists != IfExists.REFUSE && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (counter.ifExists == IfExists.SKIP) {
                counter.skippedExisting++;
                return;
            }
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileSystemException(
                        target.toString(), null, "is a directory where the image has a file; not replaced");
            }
            Files.delete(target); // a file or a symlink: the link itself, never its target
        }
        if (attrs.isSymbolicLink()) {
            Files.createSymbolicLink(
                    target, Path.of(Files.readSymbolicLink(file).toString()));
            counter.symlinks++;
            return;
        }
        if (!attrs.isRegularFile()) {
            log.warn("skipped {}: device nodes, fifos and sockets are not extracted", file);
            counter.skipped++;
            return;
        }
        long links = ((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).longValue();
        if (links > 1) {
            Path first = counter.linked.get(attrs.fileKey());
            if (first != null) {
                Files.createLink(target, first);
                counter.hardLinks++;
                return;
            }
            counter.linked.put(attrs.fileKey(), target);
        }
        try (SeekableByteChannel in = Files.newByteChannel(file, LinkOption.NOFOLLOW_LINKS);
                SeekableByteChannel out = Files.newByteChannel(
                        target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = counter.buffer.clear();
            while (in.read(buffer) >= 0) {
                buffer.flip();
                counter.bytes += buffer.remaining();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                buffer.clear();
            }
        }
        counter.files++;
        restoreMetadata(file, target);
    }

    private static void restoreMetadata(Path source, Path target) throws IOException {
        PosixFileAttributes attrs = Files.readAttributes(source, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(target, attrs.permissions());
        }
        FileTime modified = attrs.lastModifiedTime();
        Files.setLastModifiedTime(target, modified);
    }

    private static final class Counter {
        final IfExists ifExists;
        final Map<Object, Path> linked = new HashMap<>();
        /** One copy buffer for the whole extraction: trees of many small files must not allocate per file. */
        final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);

        long directories;
        long files;
        long symlinks;
        long hardLinks;
        long skipped;
        long bytes;
        long skippedExisting;

        Counter(IfExists ifExists) {
            this.ifExists = ifExists;
        }

        ExtractionSummary summary() {
            return new ExtractionSummary(directories, files, symlinks, hardLinks, skipped, bytes, skippedExisting);
        }
    }
}
