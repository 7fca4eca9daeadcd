package dev.webboot.iso.initramfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A tree as the tests compare it: path to type, mode, size, link target and SHA-256 of the content. */
record TreeSnapshot(Map<String, Entry> entries) {

    record Entry(MemberType type, int mode, long size, String target, String sha256) {}

    /** The paths on which this tree and {@code other} differ, each with both sides; empty when they are equal. */
    java.util.List<String> diff(TreeSnapshot other) {
        java.util.Set<String> paths = new java.util.TreeSet<>(entries.keySet());
        paths.addAll(other.entries.keySet());
        java.util.List<String> differences = new java.util.ArrayList<>();
        for (String path : paths) {
            Entry mine = entries.get(path);
            Entry theirs = other.entries.get(path);
            if (!java.util.Objects.equals(mine, theirs)) {
                differences.add(path + ": " + mine + " vs " + theirs);
            }
        }
        return differences;
    }

    /** What GNU cpio (or any extractor) left in {@code root}, root itself excluded. */
    static TreeSnapshot ofDirectory(Path root) throws IOException {
        Map<String, Entry> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.equals(root)) {
                    continue;
                }
                String path = "/" + root.relativize(p).toString();
                int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                MemberType type = MemberType.fromMode(mode).orElseThrow();
                String target =
                        type == MemberType.SYMLINK ? Files.readSymbolicLink(p).toString() : "";
                long size = type == MemberType.FILE ? Files.size(p) : 0;
                String sha = "";
                if (type == MemberType.FILE) {
                    try (InputStream in = Files.newInputStream(p)) {
                        sha = sha256(in);
                    }
                }
                entries.put(path, new Entry(type, mode & 07777, size, target, sha));
            }
        }
        return new TreeSnapshot(entries);
    }

    /** The tree the kernel would leave, as webboot reads it, root excluded; each member's data is read once. */
    static TreeSnapshot ofInitramfs(Initramfs initramfs) throws IOException {
        Map<InitramfsMember, String> hashes = new java.util.IdentityHashMap<>();
        Map<InitramfsMember, Boolean> wanted = new java.util.IdentityHashMap<>();
        for (String path : initramfs.paths()) {
            initramfs.contentOf(path).ifPresent(content -> wanted.put(content, true));
        }
        for (InitramfsMember m : initramfs.members()) {
            if (wanted.containsKey(m)) {
                try (InputStream in = initramfs.newInputStream(m)) {
                    hashes.put(m, sha256(in));
                }
            }
        }
        Map<String, Entry> entries = new TreeMap<>();
        for (String path : initramfs.paths()) {
            InitramfsMember last = initramfs.find(path).orElseThrow();
            long size = 0;
            String sha = "";
            if (last.type() == MemberType.FILE) {
                InitramfsMember content = initramfs.contentOf(path).orElseThrow();
                size = content.size();
                sha = hashes.get(content);
            }
            // Linux creates every symlink with mode 0777, whatever the archive says.
            int mode = last.type() == MemberType.SYMLINK ? 0777 : last.permissions();
            entries.put(path, new Entry(last.type(), mode, size, last.linkTarget(), sha));
        }
        return new TreeSnapshot(entries);
    }

    static String sha256(InputStream in) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
