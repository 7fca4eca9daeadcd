package dev.webboot.iso.ext4;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.MalformedImageException;
import dev.webboot.iso.internal.ext4.Ext4Node;
import dev.webboot.iso.internal.ext4.Ext4Tree;
import dev.webboot.iso.internal.fs.ImageNode;
import dev.webboot.iso.internal.fs.NodeType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the fuzz property and the corpus replay do with an untrusted image. */
final class Ext4Fuzzing {
    /** How much of each file is read: enough to cross blocks and extents, bounded however large a size is. */
    static final int READ_LIMIT = 1 << 20;
    /** Nodes visited at most: a mutated image can hold more names than the test needs to look at. */
    static final int NODE_LIMIT = 10_000;

    private Ext4Fuzzing() {}

    /**
     * Opens the image, walks it (listing every directory once, reading symlink targets), looks every root name up
     * again, and reads the start and the last byte of every file. Returns normally or throws {@link
     * MalformedImageException}; anything else (a runtime exception, an error) is a bug.
     */
    static void exercise(ImageSource source) throws IOException {
        try (Ext4Tree tree = Ext4Tree.open(source, true)) {
            Set<Long> seen = new HashSet<>();
            Deque<Ext4Node> pending = new ArrayDeque<>();
            pending.push(tree.root());
            seen.add(tree.root().inodeNumber());
            int visited = 0;
            while (!pending.isEmpty() && visited < NODE_LIMIT) {
                for (ImageNode child : tree.children(pending.pop())) {
                    visited++;
                    Ext4Node node = (Ext4Node) child;
                    if (node.type() == NodeType.DIRECTORY && seen.add(node.inodeNumber())) {
                        pending.push(node);
                    } else if (node.type() == NodeType.FILE) {
                        readStartAndEnd(tree, node);
                    }
                }
            }
            for (ImageNode child : tree.children(tree.root())) {
                tree.child(tree.root(), child.name());
            }
        }
    }

    private static void readStartAndEnd(Ext4Tree tree, Ext4Node node) throws IOException {
        try (SeekableByteChannel channel = tree.open(node)) {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            long total = 0;
            while (total < READ_LIMIT) {
                int n = channel.read(buffer);
                if (n < 0) {
                    break;
                }
                total += n;
                buffer.clear();
            }
            if (node.size() > 0) {
                channel.position(node.size() - 1);
                channel.read(ByteBuffer.allocate(1));
            }
        }
    }

    /**
     * Small images from the real mke2fs with 1 KiB blocks: ext4 without a journal (extents, a two-extent file, a
     * slow symlink), ext2 (block maps, an indirect block) and ext4 with inline data.
     */
    static byte[][] seeds(Path work) throws IOException {
        Path tree = work.resolve("seed");
        Files.createDirectories(tree.resolve("d/e"));
        Files.writeString(tree.resolve("f"), "hello\n");
        byte[] data = new byte[15_000];
        new java.util.Random(3).nextBytes(data);
        Files.write(tree.resolve("d/g"), data);
        Files.writeString(tree.resolve("d/e/small"), "x".repeat(100));
        Files.createSymbolicLink(tree.resolve("l"), Path.of("f"));
        Files.createSymbolicLink(tree.resolve("longlink"), Path.of("y".repeat(80)));
        Files.createLink(tree.resolve("hard"), tree.resolve("f"));
        String[][] variants = {
            {"mkfs.ext4", "-O", "^has_journal,^resize_inode"},
            {"mkfs.ext2", "-O", "^resize_inode"},
            {"mkfs.ext4", "-O", "^has_journal,^resize_inode,inline_data"},
        };
        byte[][] result = new byte[variants.length][];
        for (int i = 0; i < variants.length; i++) {
            Path image = work.resolve("seed" + i + ".img");
            fullSize(image, 128 * 1024);
            Ext4Peer.mkfs(
                    variants[i][0],
                    tree,
                    image,
                    "128K",
                    List.of("-b", "1024", "-N", "32", variants[i][1], variants[i][2]));
            result[i] = Files.readAllBytes(image);
        }
        return result;
    }

    /** mke2fs writes a new file only up to its last used block; an existing file keeps its size. */
    static void fullSize(Path image, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(image, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(1), size - 1);
        }
    }
}
