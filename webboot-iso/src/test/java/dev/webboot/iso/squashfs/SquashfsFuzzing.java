package dev.webboot.iso.squashfs;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.MalformedImageException;
import dev.webboot.iso.internal.fs.ImageNode;
import dev.webboot.iso.internal.squashfs.SquashfsNode;
import dev.webboot.iso.internal.squashfs.SquashfsTree;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the fuzz property and the corpus replay do with an untrusted image. */
final class SquashfsFuzzing {
    /** How much of each file is read: enough to cross blocks and fragments, bounded however large a size is. */
    static final int READ_LIMIT = 1 << 20;

    private SquashfsFuzzing() {}

    /**
     * Opens the image, walks it, looks every name up again, and reads the start of every file. Returns normally or
     * throws {@link MalformedImageException}; anything else (a runtime exception, an error) is a bug.
     */
    static void exercise(ImageSource source) throws IOException {
        try (SquashfsTree tree = SquashfsTree.open(source, true)) {
            tree.walk((path, node) -> {
                if (node.layout() instanceof SquashfsNode.Layout.File) {
                    readStart(tree, node);
                }
            });
            for (ImageNode child : tree.children(tree.root())) {
                tree.child(tree.root(), child.name());
            }
        }
    }

    private static void readStart(SquashfsTree tree, SquashfsNode node) throws IOException {
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
            // Seek to the tail too, which lives in a fragment when there is one.
            if (node.size() > 0) {
                channel.position(node.size() - 1);
                channel.read(ByteBuffer.allocate(1));
            }
        }
    }

    /** Small images from the real mksquashfs: uncompressed, gzip and zstd, 4 KiB blocks, every node kind. */
    static byte[][] seeds(Path work) throws IOException {
        Path src = work.resolve("seed");
        Files.createDirectories(src.resolve("sub"));
        Files.writeString(src.resolve("a.txt"), "alpha\n");
        Files.writeString(src.resolve("tail.txt"), "0123456789".repeat(1000)); // two blocks and a tail
        Files.createSymbolicLink(src.resolve("link"), Path.of("sub/a.txt"));
        Files.writeString(src.resolve("sub/a.txt"), "beta\n");
        Files.createLink(src.resolve("hard"), src.resolve("a.txt"));
        dev.webboot.testing.ExternalTools.run(
                src,
                dev.webboot.testing.ExternalTools.require("setfattr", "attr").toString(),
                "-n",
                "user.k",
                "-v",
                "value",
                "a.txt");
        String[][] variants = {
            {"-noI", "-noD", "-noF", "-noX"}, {"-comp", "gzip"}, {"-comp", "zstd"},
        };
        byte[][] result = new byte[variants.length][];
        for (int i = 0; i < variants.length; i++) {
            String[] options = new String[variants[i].length + 7];
            System.arraycopy(variants[i], 0, options, 0, variants[i].length);
            System.arraycopy(
                    new String[] {"-b", "4K", "-nopad", "-p", "fifo i 644 0 0 f", "-p", "dev c 600 0 0 4 64"},
                    0,
                    options,
                    variants[i].length,
                    7);
            Path image = SquashfsPeer.mksquashfs(src, work.resolve("seed" + i + ".sqfs"), options);
            result[i] = Files.readAllBytes(image);
        }
        return result;
    }
}
