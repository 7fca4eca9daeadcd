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
        for (InitramfsMember m : initramfs.members()) {
            initramfs.contentOf(m.path()).ifPresent(content -> wanted.put(content, true));
        }
        for (InitramfsMember m : initramfs.members()) {
            if (wanted.containsKey(m)) {
                try (InputStream in = initramfs.newInputStream(m)) {
                    hashes.put(m, sha256(in));
                }
            }
        }
        Map<String, Entry> entries = new TreeMap<>();
        for (InitramfsMember m : initramfs.members()) {
            if (m.path().equals("/") || entries.containsKey(m.path())) {
                continue;
            }
            InitramfsMember last = initramfs.find(m.path()).orElseThrow();
            long size = 0;
            String sha = "";
            if (last.type() == MemberType.FILE) {
                InitramfsMember content = initramfs.contentOf(m.path()).orElseThrow();
                size = content.size();
                sha = hashes.get(content);
            }
            entries.put(m.path(), new Entry(last.type(), last.permissions(), size, last.linkTarget(), sha));
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
