package dev.webboot.iso.squashfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.iso.internal.fs.NodeType;
import dev.webboot.iso.internal.squashfs.SquashfsNode;
import dev.webboot.iso.internal.squashfs.SquashfsTree;
import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/** Source trees for mksquashfs, and the whole-tree comparison of webboot with unsquashfs. */
final class SquashfsTrees {
    private SquashfsTrees() {}

    /** Pseudo-file definitions for nodes that need privileges or special files to create on disk. */
    static final String[] PSEUDO = {
        "-p", "cdev c 644 0 0 1 3",
        "-p", "bdev b 640 0 6 8 17",
        "-p", "pipe i 600 1000 1000 f",
        "-p", "sock i 644 0 0 s",
    };

    /**
     * A small tree with every kind of node: files from empty to over a 1 MiB block, a sparse file, hard links,
     * symlinks, odd modes and owners, and user xattrs (one value shared, which mksquashfs stores out of line).
     */
    static Path richTree(Path root) throws IOException {
        Random random = new Random(42);
        Files.createDirectories(root.resolve("sub/deeper"));
        Files.createDirectories(root.resolve("sticky"));
        Files.write(root.resolve("empty"), new byte[0]);
        Files.writeString(root.resolve("small.txt"), "hello squashfs\n".repeat(7));
        Files.write(root.resolve("mid.bin"), bytes(random, 5000));
        Files.writeString(root.resolve("sub/text.txt"), "the quick brown fox jumps over the lazy dog\n".repeat(1600));
        byte[] big = new byte[(1 << 20) + 12345];
        random.nextBytes(big);
        for (int i = 0; i < big.length / 2; i++) {
            big[i] = (byte) (i % 251);
        }
        Files.write(root.resolve("sub/deeper/big.bin"), big);
        try (RandomAccessFile sparse =
                new RandomAccessFile(root.resolve("sparse.img").toFile(), "rw")) {
            sparse.write("head".getBytes(StandardCharsets.US_ASCII));
            sparse.seek(3L << 20);
            sparse.write("tail".getBytes(StandardCharsets.US_ASCII));
        }
        Files.write(root.resolve("hard1"), bytes(random, 3000));
        Files.createLink(root.resolve("sub/hard2"), root.resolve("hard1"));
        Files.createSymbolicLink(root.resolve("link"), Path.of("small.txt"));
        Files.createSymbolicLink(root.resolve("sub/abs"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(root.resolve("sub/long"), Path.of("x".repeat(200) + "/" + "y".repeat(50)));
        Files.writeString(root.resolve("setuid"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(root.resolve("sub/deeper"), PosixFilePermissions.fromString("rwxr-x---"));
        run(root, "chmod", "4755", "setuid");
        run(root, "chmod", "1777", "sticky");
        run(root, "chown", "1000:1001", "mid.bin");
        run(root, "chown", "-h", "4242:0", "link");
        Path setfattr = ExternalTools.require("setfattr", "attr");
        run(root, setfattr.toString(), "-n", "user.comment", "-v", "hello", "small.txt");
        run(root, setfattr.toString(), "-n", "user.shared", "-v", "same-value", "small.txt");
        run(root, setfattr.toString(), "-n", "user.shared", "-v", "same-value", "mid.bin");
        run(root, setfattr.toString(), "-n", "user.big", "-v", "0x" + "ab".repeat(1500), "sub/text.txt");
        run(root, setfattr.toString(), "-n", "user.dir", "-v", "on a directory", "sub");
        return root;
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static void run(Path dir, String... cmd) {
        ExternalTools.run(dir, cmd);
    }

    /**
     * Asserts that webboot reads from {@code image} exactly what unsquashfs extracts (paths, types, modes, owners,
     * sizes, targets, content hashes, times, device numbers, xattrs) and lists with {@code -lln}, and that hard
     * links share a file key exactly when the extracted files share an inode.
     */
    static void assertSameAsUnsquashfs(Path image, Path work) throws IOException {
        Path extractDir = work.resolve("extracted-" + image.getFileName());
        Map<String, SquashfsPeer.Entry> expected = SquashfsPeer.extracted(image, extractDir);
        Map<String, SquashfsPeer.Listed> listed = SquashfsPeer.listed(image);
        try (SquashfsTree tree = SquashfsTree.open(SquashfsPeer.source(image), true)) {
            Map<String, SquashfsNode> nodes = SquashfsPeer.read(tree);
            Map<String, SquashfsPeer.Entry> actual = new HashMap<>();
            for (Map.Entry<String, SquashfsNode> e : nodes.entrySet()) {
                actual.put(e.getKey(), SquashfsPeer.describe(tree, e.getValue()));
            }
            assertThat(actual).as("tree of %s", image.getFileName()).isEqualTo(expected);

            assertThat(nodes.keySet())
                    .as("paths listed by unsquashfs -lln")
                    .isEqualTo(withoutRoot(listed).keySet());
            for (Map.Entry<String, SquashfsNode> e : nodes.entrySet()) {
                SquashfsNode node = e.getValue();
                SquashfsPeer.Listed line = listed.get(e.getKey());
                boolean device = node.type() == NodeType.CHARACTER_DEVICE || node.type() == NodeType.BLOCK_DEVICE;
                String size = device
                        ? (node.deviceNumber() >>> 32) + ", " + (node.deviceNumber() & 0xffffffffL)
                        : Long.toString(node.size());
                assertThat(new SquashfsPeer.Listed(
                                SquashfsPeer.modeString(node.type(), node.permissions()),
                                node.uid(),
                                node.gid(),
                                size,
                                node.linkTarget()))
                        .as("-lln line of %s", e.getKey())
                        .isEqualTo(line);
            }
            SquashfsPeer.Listed rootLine = listed.get("");
            assertThat(Long.toString(tree.root().size())).isEqualTo(rootLine.size());

            // Hard links: paths grouped by webboot's file key must be the groups sharing an extracted inode.
            Map<String, Long> inodes = SquashfsPeer.inodes(extractDir);
            Map<Object, java.util.Set<String>> byKey = new HashMap<>();
            Map<Long, java.util.Set<String>> byInode = new HashMap<>();
            for (Map.Entry<String, Long> e : inodes.entrySet()) {
                byKey.computeIfAbsent(nodes.get(e.getKey()).fileKey(), k -> new java.util.TreeSet<>())
                        .add(e.getKey());
                byInode.computeIfAbsent(e.getValue(), k -> new java.util.TreeSet<>())
                        .add(e.getKey());
            }
            assertThat(new java.util.HashSet<>(byKey.values()))
                    .as("hard-link groups")
                    .isEqualTo(new java.util.HashSet<>(byInode.values()));
        }
    }

    private static Map<String, SquashfsPeer.Listed> withoutRoot(Map<String, SquashfsPeer.Listed> listed) {
        Map<String, SquashfsPeer.Listed> copy = new HashMap<>(listed);
        copy.remove("");
        return copy;
    }
}
