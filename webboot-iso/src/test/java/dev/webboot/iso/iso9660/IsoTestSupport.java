package dev.webboot.iso.iso9660;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.iso.ImageSources;
import dev.webboot.iso.internal.fs.ImageNode;
import dev.webboot.iso.internal.fs.NodeType;
import dev.webboot.iso.internal.iso9660.IsoTree;
import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Builds images with the real tools and compares what they extract with what the reader lists and reads. */
final class IsoTestSupport {
    private IsoTestSupport() {}

    /**
     * What one entry of a tree is: enough to tell two extractions apart. {@code mtime} (seconds) is kept for regular
     * files only: extractors set a directory's time before filling it, and symlink times are not restored.
     */
    record Entry(String type, long size, String target, String sha256, long mtime) {
        Entry(String type, long size, String target, String sha256) {
            this(type, size, target, sha256, 0);
        }
    }

    static Path xorriso() {
        return ExternalTools.require("xorriso", "xorriso");
    }

    /** The repository root, from the WEBBOOT_TEST_ROOT variable surefire sets. */
    static Path repositoryRoot() {
        String root = System.getenv("WEBBOOT_TEST_ROOT");
        if (root == null || root.isEmpty()) {
            throw new AssertionError("WEBBOOT_TEST_ROOT is not set: run the tests with mvn, which sets it");
        }
        return Path.of(root);
    }

    /** A real ISO fetched from a Debian package by scripts/fetch-fixtures. */
    static Path fixture(String name) {
        Path path = repositoryRoot().resolve(".cache/fixtures").resolve(name);
        if (!Files.isRegularFile(path)) {
            throw new AssertionError(path + " is missing: run scripts/fetch-fixtures (scripts/test runs it)");
        }
        return path;
    }

    /** Extracts the whole image with {@code xorriso -osirrox} (sparse, so a large zero file costs no disk). */
    static Map<String, Entry> extractWithXorriso(Path image, Path dir) {
        extract(image, dir);
        return snapshot(dir);
    }

    static void extract(Path image, Path dir) {
        ExternalTools.run(
                dir.getParent(),
                xorriso().toString(),
                "-osirrox",
                "on:sparse=1m",
                "-indev",
                "stdio:" + image,
                "-extract",
                "/",
                dir.toString());
    }

    /** Every entry under {@code dir} by path ("/a/b"), symlinks not followed. */
    static Map<String, Entry> snapshot(Path dir) {
        return snapshot(dir, Long.MAX_VALUE);
    }

    /**
     * Every entry under {@code dir} by path; files larger than {@code hashLimit} get no hash (the caller compares
     * them byte for byte, which is cheaper than hashing gigabytes twice).
     */
    static Map<String, Entry> snapshot(Path dir, long hashLimit) {
        Map<String, Entry> entries = new TreeMap<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    if (!d.equals(dir)) {
                        entries.put(key(dir, d), new Entry("dir", 0, "", ""));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isSymbolicLink()) {
                        entries.put(
                                key(dir, f),
                                new Entry(
                                        "symlink", 0, Files.readSymbolicLink(f).toString(), ""));
                    } else if (attrs.isRegularFile() && attrs.size() > hashLimit) {
                        entries.put(key(dir, f), new Entry("file", attrs.size(), "", "", seconds(attrs)));
                    } else if (attrs.isRegularFile()) {
                        try (InputStream in = Files.newInputStream(f, LinkOption.NOFOLLOW_LINKS)) {
                            entries.put(key(dir, f), new Entry("file", attrs.size(), "", sha256(in), seconds(attrs)));
                        }
                    } else {
                        entries.put(key(dir, f), new Entry("other", 0, "", ""));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static long seconds(BasicFileAttributes attrs) {
        return attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.SECONDS);
    }

    private static String key(Path root, Path p) {
        return "/" + root.relativize(p).toString();
    }

    /** Every entry of the tree by path, with the content hash of each file read through the tree. */
    static Map<String, Entry> snapshot(IsoTree tree) throws IOException {
        Map<String, Entry> entries = new TreeMap<>();
        Deque<Map.Entry<String, ImageNode>> todo = new ArrayDeque<>();
        todo.push(Map.entry("", tree.root()));
        while (!todo.isEmpty()) {
            Map.Entry<String, ImageNode> next = todo.pop();
            for (ImageNode child : tree.children(next.getValue())) {
                String path = next.getKey() + "/" + child.name();
                NodeType type = child.type();
                switch (type) {
                    case DIRECTORY -> {
                        entries.put(path, new Entry("dir", 0, "", ""));
                        todo.push(Map.entry(path, child));
                    }
                    case SYMLINK -> entries.put(path, new Entry("symlink", 0, child.linkTarget(), ""));
                    case FILE -> entries.put(
                            path,
                            new Entry(
                                    "file",
                                    child.size(),
                                    "",
                                    sha256(tree, child),
                                    child.lastModifiedTime().to(java.util.concurrent.TimeUnit.SECONDS)));
                    default -> entries.put(path, new Entry("other", 0, "", ""));
                }
            }
        }
        return entries;
    }

    static String sha256(IsoTree tree, ImageNode file) throws IOException {
        MessageDigest digest = sha256();
        try (SeekableByteChannel channel = tree.open(file)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
            long total = 0;
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                total += buffer.remaining();
                digest.update(buffer);
                buffer.clear();
            }
            assertThat(total).as("bytes read from %s", file.name()).isEqualTo(file.size());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 20];
        int n;
        while ((n = in.read(buffer)) > 0) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static IsoTree openTree(Path image) throws IOException {
        return IsoTree.open(ImageSources.open(image), true);
    }

    /** Asserts the reader sees exactly what xorriso extracts from {@code image}. */
    static Map<String, Entry> assertSameAsXorriso(Path image, Path work) throws IOException {
        Path out = work.resolve("extracted-" + image.getFileName());
        Map<String, Entry> expected = extractWithXorriso(image, out);
        try (IsoTree tree = openTree(image)) {
            Map<String, Entry> actual = snapshot(tree);
            assertThat(actual).as("entries of %s", image).isEqualTo(expected);
            return actual;
        }
    }

    static String blkid(Path image, String tag) {
        return ExternalTools.run(
                        image.getParent(),
                        ExternalTools.require("blkid", "util-linux").toString(),
                        "-p",
                        "-s",
                        tag,
                        "-o",
                        "value",
                        image.toString())
                .stdoutText()
                .strip();
    }

    /** A blkid tag's value, or "" when blkid finds none (it exits 2 then). */
    static String blkidAllowingNone(Path image, String tag) {
        ExternalTools.Result result = ExternalTools.runAllowingFailure(
                image.getParent(),
                ExternalTools.require("blkid", "util-linux").toString(),
                "-p",
                "-s",
                tag,
                "-o",
                "value",
                image.toString());
        if (result.exitCode() != 0 && result.exitCode() != 2) {
            throw new AssertionError("blkid exited " + result.exitCode() + ": " + result.stderr());
        }
        return result.stdoutText().strip();
    }

    /** Reads both channels to their ends, failing at the first byte that differs; returns the length. */
    static long sameBytes(SeekableByteChannel ours, SeekableByteChannel theirs) throws IOException {
        ByteBuffer a = ByteBuffer.allocate(1 << 20);
        ByteBuffer b = ByteBuffer.allocate(1 << 20);
        long position = 0;
        while (true) {
            a.clear();
            b.clear();
            int n = fill(ours, a);
            int m = fill(theirs, b);
            assertThat(n).as("bytes at %d", position).isEqualTo(m);
            if (n <= 0) {
                return position;
            }
            int mismatch = java.util.Arrays.mismatch(a.array(), 0, n, b.array(), 0, n);
            assertThat(mismatch).as("first differing byte after %d", position).isEqualTo(-1);
            position += n;
        }
    }

    private static int fill(SeekableByteChannel channel, ByteBuffer buffer) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
        }
        return total;
    }
}
