package dev.webboot.iso.ext4;

import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * e2fsprogs as the reference: builds images with {@code mke2fs -d} and describes what {@code debugfs} lists ({@code
 * ls -p}: inode, mode, owner, size) and extracts ({@code rdump}: contents, symlink targets, modification times), in
 * the same shape as what webboot reads, so tests compare whole trees.
 */
final class Ext4Peer {
    private Ext4Peer() {}

    /**
     * What one path holds, as either side sees it.
     *
     * @param size the size, or -1 where debugfs does not list one (directories)
     * @param sha256 a regular file's content hash, else ""
     * @param mtimeSeconds a regular file's modification time, else 0 (debugfs restores it only on files it extracts)
     */
    record Entry(long inode, int mode, int uid, int gid, long size, String target, String sha256, long mtimeSeconds) {}

    static Path debugfs() {
        return ExternalTools.require("debugfs", "e2fsprogs");
    }

    /** {@code TOOL -q -F -d TREE [options] IMAGE SIZE}, TOOL being mkfs.ext2, mkfs.ext3 or mkfs.ext4. */
    static Path mkfs(String tool, Path tree, Path image, String size, List<String> options) {
        Path mkfs = ExternalTools.require(tool, "e2fsprogs");
        List<String> cmd = new ArrayList<>(List.of(mkfs.toString(), "-q", "-F", "-E", "root_owner=0:0"));
        if (tree != null) {
            cmd.addAll(List.of("-d", tree.toString()));
        }
        cmd.addAll(options);
        cmd.addAll(List.of(image.toString(), size));
        ExternalTools.run(image.getParent(), cmd.toArray(String[]::new));
        return image;
    }

    /** Runs debugfs commands (one per line) against {@code image}, read-only unless {@code write}. */
    static String debugfs(Path image, boolean write, List<String> commands) throws IOException {
        Path script = Files.createTempFile(image.getParent(), "debugfs", ".cmd");
        Files.write(script, commands, StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of(debugfs().toString()));
        if (write) {
            cmd.add("-w");
        }
        cmd.addAll(List.of("-f", script.toString(), image.toString()));
        ExternalTools.Result result = ExternalTools.run(image.getParent(), cmd.toArray(String[]::new));
        return result.stdoutText();
    }

    /**
     * Every path of the image as debugfs sees it: {@code rdump /} extracts the tree into {@code work}, then {@code ls
     * -p} lists each directory with numeric modes and owners. Devices, fifos and sockets are listed, not extracted.
     */
    static Map<String, Entry> expected(Path image, Path work) throws IOException {
        Path out = Files.createTempDirectory(work, "rdump");
        ExternalTools.run(work, debugfs().toString(), "-R", "rdump / " + out, image.toString());
        List<String> dirs = new ArrayList<>(List.of("/"));
        try (Stream<Path> walk = Files.walk(out)) {
            walk.filter(p -> !p.equals(out) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .forEach(p -> dirs.add("/" + out.relativize(p)));
        }
        List<String> commands = new ArrayList<>();
        for (String dir : dirs) {
            commands.add("ls -p \"" + dir + "\"");
        }
        String listing = debugfs(image, false, commands);
        Map<String, Entry> result = new TreeMap<>();
        String dir = null;
        for (String line : listing.split("\n")) {
            if (line.startsWith("debugfs: ls -p \"")) {
                dir = line.substring("debugfs: ls -p \"".length(), line.length() - 1);
                continue;
            }
            if (!line.startsWith("/") || dir == null) {
                continue;
            }
            // /inode/mode/uid/gid/name/size/ -- a name cannot contain '/'
            String[] f = line.split("/", -1);
            String name = f[5];
            if (name.isEmpty() || name.equals(".") || name.equals("..") || f[1].equals("0")) {
                continue;
            }
            String path = (dir.equals("/") ? "" : dir) + "/" + name;
            int mode = Integer.parseInt(f[2], 8);
            long size = f[6].isEmpty() ? -1 : Long.parseLong(f[6]);
            Path extracted = out.resolve(path.substring(1));
            String target = "";
            String sha = "";
            long mtime = 0;
            if ((mode & 0170000) == 0120000) {
                target = Files.readSymbolicLink(extracted).toString();
            } else if ((mode & 0170000) == 0100000) {
                try (InputStream in = Files.newInputStream(extracted)) {
                    sha = sha256(in);
                }
                mtime = Files.getLastModifiedTime(extracted).toMillis() / 1000;
            }
            result.put(
                    path,
                    new Entry(
                            Long.parseLong(f[1]),
                            mode,
                            Integer.parseInt(f[3]),
                            Integer.parseInt(f[4]),
                            size,
                            target,
                            sha,
                            mtime));
        }
        return result;
    }

    /** The same description of every path of a file system that webboot opened. */
    static Map<String, Entry> actual(FileSystem fs) throws IOException {
        return describe(fs.getPath("/"));
    }

    /**
     * What the Linux kernel reads from the image, mounted read-only on a loop device (the tests run as root). Used
     * where debugfs 1.47.0 is wrong: {@code dump}/{@code rdump} write 60 bytes for every inline-data file.
     */
    static Map<String, Entry> mounted(Path image, Path work) throws IOException {
        Path mountPoint = Files.createTempDirectory(work, "mnt");
        ExternalTools.run(
                work,
                ExternalTools.require("mount", "mount").toString(),
                "-o",
                "loop,ro",
                image.toString(),
                mountPoint.toString());
        try {
            return describe(mountPoint);
        } finally {
            ExternalTools.run(work, ExternalTools.require("umount", "mount").toString(), mountPoint.toString());
        }
    }

    /** Every path below {@code root}, named from it ({@code /a/b}), described through the {@code unix} view. */
    static Map<String, Entry> describe(Path root) throws IOException {
        Map<String, Entry> result = new TreeMap<>();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.filter(p -> !p.equals(root)).toList();
        }
        for (Path p : paths) {
            Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            int type = mode & 0170000;
            String target = type == 0120000 ? Files.readSymbolicLink(p).toString() : "";
            String sha = "";
            long mtime = 0;
            if (type == 0100000) {
                try (SeekableByteChannel channel = Files.newByteChannel(p)) {
                    sha = sha256(channel);
                }
                mtime = ((FileTime) a.get("lastModifiedTime")).toMillis() / 1000;
            }
            long size = type == 0040000 ? -1 : type == 0100000 || type == 0120000 ? (Long) a.get("size") : 0;
            result.put(
                    "/" + root.relativize(p),
                    new Entry(
                            (Long) a.get("ino"),
                            mode,
                            (Integer) a.get("uid"),
                            (Integer) a.get("gid"),
                            size,
                            target,
                            sha,
                            mtime));
        }
        return result;
    }

    /** Every path whose entries differ or that only one side has, for a readable failure; empty when equal. */
    static List<String> differences(Map<String, Entry> actual, Map<String, Entry> expected) {
        List<String> result = new ArrayList<>();
        for (Map.Entry<String, Entry> e : expected.entrySet()) {
            Entry a = actual.get(e.getKey());
            if (!e.getValue().equals(a)) {
                result.add(e.getKey() + ": expected " + e.getValue() + " but webboot read " + a);
            }
        }
        for (String path : actual.keySet()) {
            if (!expected.containsKey(path)) {
                result.add(path + ": only webboot lists it: " + actual.get(path));
            }
        }
        return result;
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(SeekableByteChannel channel) throws IOException {
        MessageDigest digest = sha256();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        while (channel.read(buffer) >= 0) {
            buffer.flip();
            digest.update(buffer);
            buffer.clear();
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
