package dev.webboot.iso.iso9660;

import static dev.webboot.iso.iso9660.IsoTestSupport.xorriso;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.ImageSources;
import dev.webboot.iso.internal.fs.ImageNode;
import dev.webboot.iso.internal.fs.NodeType;
import dev.webboot.iso.internal.iso9660.IsoTree;
import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/** A small valid image made by xorriso, ways to break it, and a reader that touches every byte the tree exposes. */
final class MalformedImages {
    private MalformedImages() {}

    /**
     * An image with a subdirectory {@code sub/inner}, a file, a symlink and a 240-byte name (whose Rock Ridge NM entry
     * spills into a continuation area).
     */
    static byte[] smallImage(Path work) throws IOException {
        Path src = Files.createDirectories(work.resolve("small-src/sub/inner"));
        Files.writeString(src.resolve("f.txt"), "hi\n");
        Files.writeString(work.resolve("small-src/file.txt"), "data\n");
        Files.createSymbolicLink(work.resolve("small-src/link"), Path.of("sub/inner"));
        Files.writeString(work.resolve("small-src/" + "L".repeat(240)), "long\n");
        Path image = work.resolve("small.iso");
        ExternalTools.run(
                work,
                xorriso().toString(),
                "-as",
                "mkisofs",
                "-R",
                "-J",
                "-V",
                "SMALL",
                "-o",
                image.toString(),
                work.resolve("small-src").toString());
        return Files.readAllBytes(image);
    }

    /** Opens the image, walks every node and reads every file completely, as a user of the tree would. */
    static long walkAndReadEverything(byte[] image) throws IOException {
        try (ImageSource source = ImageSources.of(new SeekableInMemoryByteChannel(image), "fuzz.iso");
                IsoTree tree = IsoTree.open(source, false)) {
            long nodes = 0;
            Set<Object> seenDirectories = new HashSet<>();
            Deque<ImageNode> todo = new ArrayDeque<>();
            todo.push(tree.root());
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (!todo.isEmpty()) {
                ImageNode dir = todo.pop();
                if (!seenDirectories.add(dir.fileKey())) {
                    continue; // two entries for one directory: list it once, as the file system does
                }
                for (ImageNode child : tree.children(dir)) {
                    nodes++;
                    child.name();
                    child.linkTarget();
                    if (child.type() == NodeType.DIRECTORY) {
                        todo.push(child);
                    } else if (child.type() == NodeType.FILE) {
                        try (SeekableByteChannel channel = tree.open(child)) {
                            long read = 0;
                            int n;
                            while ((n = channel.read(buffer.clear())) >= 0) {
                                read += n;
                            }
                            if (read != child.size()) {
                                throw new AssertionError("read " + read + " of " + child.size() + " bytes");
                            }
                        }
                    }
                }
            }
            return nodes;
        }
    }

    static int rootBlock(byte[] image) {
        return ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).getInt(32768 + 156 + 2);
    }

    /** The byte offset of the root directory record whose ISO 9660 name starts with {@code name}. */
    static int recordOffset(byte[] image, String name) {
        int block = rootBlock(image) * 2048;
        byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
        for (int pos = block; pos < block + 2048 && image[pos] != 0; pos += image[pos] & 0xff) {
            int nameLength = image[pos + 32] & 0xff;
            if (nameLength >= wanted.length
                    && java.util.Arrays.equals(image, pos + 33, pos + 33 + wanted.length, wanted, 0, wanted.length)) {
                return pos;
            }
        }
        throw new AssertionError("no record " + name + " in the root directory");
    }

    /** Writes a both-byte-order 32-bit field (little-endian, then big-endian). */
    static void putBoth32(byte[] image, int at, long value) {
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(at, (int) value);
        ByteBuffer.wrap(image).order(ByteOrder.BIG_ENDIAN).putInt(at + 4, (int) value);
    }

    static int indexOf(byte[] image, byte[] wanted) {
        outer:
        for (int i = 0; i <= image.length - wanted.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (image[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
