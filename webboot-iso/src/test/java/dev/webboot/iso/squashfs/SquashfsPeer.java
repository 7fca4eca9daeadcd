package dev.webboot.iso.squashfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.internal.fs.NodeType;
import dev.webboot.iso.internal.squashfs.SquashfsNode;
import dev.webboot.iso.internal.squashfs.SquashfsTree;
import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real squashfs-tools as the reference: builds images with {@code mksquashfs} and describes what {@code
 * unsquashfs} extracts and lists, in the same shape as what webboot reads, so tests compare whole trees.
 */
final class SquashfsPeer {
    private SquashfsPeer() {}

    /** What one path holds, as either side sees it. */
    record Entry(
            NodeType type,
            int permissions,
            int uid,
            int gid,
            long size,
            String target,
            String sha256,
            long mtimeSeconds,
            long device,
            Map<String, String> xattrs) {}

    /** One line of {@code unsquashfs -lln}: mode string, uid/gid, size (or "major, minor") and target. */
    record Listed(String mode, int uid, int gid, String size, String target) {}

    static Path mksquashfs(Path source, Path image, String... options) {
        Path tool = ExternalTools.require("mksquashfs", "squashfs-tools");
        List<String> cmd = new ArrayList<>(
                List.of(tool.toString(), source.toString(), image.toString(), "-noappend", "-quiet", "-no-progress"));
        cmd.addAll(List.of(options));
        ExternalTools.run(image.getParent(), cmd.toArray(String[]::new));
        return image;
    }

    /** Extracts {@code image} with unsquashfs into {@code dir} and describes every path below it. */
    static Map<String, Entry> extracted(Path image, Path dir) throws IOException {
        Path tool = ExternalTools.require("unsquashfs", "squashfs-tools");
        ExternalTools.run(image.getParent(), tool.toString(), "-no-progress", "-d", dir.toString(), image.toString());
        Map<String, Map<String, String>> xattrs = getfattr(dir);
        Map<String, Entry> result = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.equals(dir)) {
                    continue;
                }
                String path = "/" + dir.relativize(p).toString();
                Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) a.get("mode");
                NodeType type = NodeType.fromMode(mode).orElseThrow();
                long rdev = (Long) a.get("rdev");
                long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
                long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
                boolean device = type == NodeType.CHARACTER_DEVICE || type == NodeType.BLOCK_DEVICE;
                result.put(
                        path,
                        new Entry(
                                type,
                                mode & 07777,
                                (Integer) a.get("uid"),
                                (Integer) a.get("gid"),
                                type == NodeType.FILE ? (Long) a.get("size") : 0,
                                type == NodeType.SYMLINK
                                        ? Files.readSymbolicLink(p).toString()
                                        : "",
                                type == NodeType.FILE ? sha256(p) : "",
                                Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS)
                                                .toMillis()
                                        / 1000,
                                device ? major << 32 | minor : 0,
                                xattrs.getOrDefault(path, Map.of())));
            }
        }
        return result;
    }

    /** Inode numbers of the extracted files, to compare hard-link groups. */
    static Map<String, Long> inodes(Path dir) throws IOException {
        Map<String, Long> result = new HashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!p.equals(dir) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    result.put("/" + dir.relativize(p), (Long)
                            Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS));
                }
            }
        }
        return result;
    }

    private static Map<String, Map<String, String>> getfattr(Path dir) {
        Path tool = ExternalTools.require("getfattr", "attr");
        String out = ExternalTools.run(
                        dir,
                        tool.toString(),
                        "--absolute-names",
                        "-d",
                        "-m",
                        "-",
                        "-e",
                        "hex",
                        "-h",
                        "-R",
                        dir.toString())
                .stdoutText();
        Map<String, Map<String, String>> result = new HashMap<>();
        Map<String, String> current = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("# file: ")) {
                String file = line.substring("# file: ".length());
                String path = file.equals(dir.toString()) ? "/" : "/" + dir.relativize(Path.of(file));
                current = new TreeMap<>();
                result.put(path, current);
            } else if (!line.isEmpty() && current != null) {
                int eq = line.indexOf('=');
                current.put(line.substring(0, eq), line.substring(eq + 3).toLowerCase());
            }
        }
        return result;
    }

    private static final Pattern LISTING = Pattern.compile(
            "^(\\S{10}) (\\d+)/(\\d+) +(\\d+|\\d+, +\\d+) \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d squashfs-root(\\S*?|/.*?)(?: -> (.*))?$");

    /** {@code unsquashfs -lln}: one entry per path ("" for the root). */
    static Map<String, Listed> listed(Path image) {
        Path tool = ExternalTools.require("unsquashfs", "squashfs-tools");
        String out = ExternalTools.run(image.getParent(), tool.toString(), "-lln", image.toString())
                .stdoutText();
        Map<String, Listed> result = new TreeMap<>();
        for (String line : out.split("\n")) {
            Matcher m = LISTING.matcher(line);
            if (m.matches()) {
                result.put(
                        m.group(5),
                        new Listed(
                                m.group(1),
                                Integer.parseInt(m.group(2)),
                                Integer.parseInt(m.group(3)),
                                m.group(4).replaceAll(" +", " "),
                                m.group(6) == null ? "" : m.group(6)));
            }
        }
        assertThat(result).as("unsquashfs -lln output").isNotEmpty();
        return result;
    }

    /** Everything webboot reads from {@code image}, by path. */
    static Map<String, SquashfsNode> read(SquashfsTree tree) throws IOException {
        Map<String, SquashfsNode> result = new TreeMap<>();
        tree.walk((path, node) -> result.put(path, node));
        return result;
    }

    static Entry describe(SquashfsTree tree, SquashfsNode node) throws IOException {
        Map<String, String> xattrs = new TreeMap<>();
        node.extendedAttributes().forEach((k, v) -> xattrs.put(k, HexFormat.of().formatHex(v)));
        return new Entry(
                node.type(),
                node.permissions(),
                node.uid(),
                node.gid(),
                node.type() == NodeType.FILE ? node.size() : 0,
                node.linkTarget(),
                node.type() == NodeType.FILE ? sha256(tree, node) : "",
                node.modificationSeconds(),
                node.deviceNumber(),
                xattrs);
    }

    static String sha256(SquashfsTree tree, SquashfsNode node) throws IOException {
        MessageDigest digest = sha256();
        try (SeekableByteChannel channel = tree.open(node)) {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024 + 7); // not a multiple of the block size
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
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

    /** The mode string {@code ls -l} and unsquashfs print, e.g. {@code -rw-r--r--}. */
    static String modeString(NodeType type, int permissions) {
        char kind =
                switch (type) {
                    case FILE -> '-';
                    case DIRECTORY -> 'd';
                    case SYMLINK -> 'l';
                    case CHARACTER_DEVICE -> 'c';
                    case BLOCK_DEVICE -> 'b';
                    case FIFO -> 'p';
                    case SOCKET -> 's';
                };
        StringBuilder s = new StringBuilder().append(kind);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((permissions & (0400 >> i)) != 0 ? rwx.charAt(i) : '-');
        }
        if ((permissions & 04000) != 0) {
            s.setCharAt(3, s.charAt(3) == 'x' ? 's' : 'S');
        }
        if ((permissions & 02000) != 0) {
            s.setCharAt(6, s.charAt(6) == 'x' ? 's' : 'S');
        }
        if ((permissions & 01000) != 0) {
            s.setCharAt(9, s.charAt(9) == 'x' ? 't' : 'T');
        }
        return s.toString();
    }

    static ImageSource source(Path image) throws IOException {
        return ImageSource.open(image);
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
