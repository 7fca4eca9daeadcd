package dev.webboot.iso.iso9660;

import static dev.webboot.iso.iso9660.MalformedImages.putBoth32;
import static dev.webboot.iso.iso9660.MalformedImages.walkAndReadEverything;

import dev.webboot.iso.ImageSources;
import dev.webboot.iso.MalformedImageException;
import dev.webboot.iso.internal.fs.ImageNode;
import dev.webboot.iso.internal.fs.NodeType;
import dev.webboot.iso.internal.iso9660.IsoNode;
import dev.webboot.iso.internal.iso9660.IsoTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Mutates a small xorriso-made image where the parser looks (volume descriptors, directory records, their system use
 * areas and continuation areas) and requires that reading all of it either succeeds or fails with a
 * MalformedImageException: never another exception, an OutOfMemoryError, a stack overflow or a hang.
 */
class Iso9660FuzzProperties {
    static Path work;
    static byte[] valid;
    /** [start, end) byte ranges of the structures worth mutating. */
    static List<long[]> regions;

    @BeforeContainer
    static void makeImage() throws IOException {
        work = Files.createTempDirectory("webboot-iso-fuzz");
        valid = MalformedImages.smallImage(work);
        regions = new ArrayList<>();
        // The fields of the primary and Joliet descriptors up to the root record, and the terminator's header.
        regions.add(new long[] {32768, 32768 + 190});
        regions.add(new long[] {32768 + 2048, 32768 + 2048 + 190});
        regions.add(new long[] {32768 + 2 * 2048, 32768 + 2 * 2048 + 8});
        try (IsoTree tree = IsoTree.open(ImageSources.of(new SeekableInMemoryByteChannel(valid), "valid.iso"), true)) {
            Deque<ImageNode> todo = new ArrayDeque<>(List.of(tree.root()));
            while (!todo.isEmpty()) {
                IsoNode dir = (IsoNode) todo.pop();
                Extent extent = dir.extents().get(0);
                regions.add(new long[] {extent.offset(), extent.offset() + usedBytes(extent.offset())});
                for (ImageNode child : tree.children(dir)) {
                    if (child.type() == NodeType.DIRECTORY) {
                        todo.push(child);
                    }
                }
            }
        }
        // The continuation area of the long name.
        int ce = MalformedImages.indexOf(valid, new byte[] {'C', 'E', 28, 1});
        long block = Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(valid)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getInt(ce + 4));
        long area = block * 2048
                + Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(valid)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .getInt(ce + 12));
        regions.add(new long[] {area, area + 64});
    }

    /** The bytes of a directory's first block that its records occupy (the rest is zero padding). */
    private static int usedBytes(long offset) {
        int pos = 0;
        while (pos < 2048 && valid[(int) offset + pos] != 0) {
            pos += valid[(int) offset + pos] & 0xff;
        }
        return Math.max(pos, 1);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (Stream<Path> paths = Files.walk(work)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Applies 1-6 seeded mutations inside the regions. */
    static byte[] mutate(byte[] image, long seed) {
        Random random = new Random(seed);
        byte[] copy = image.clone();
        int count = 1 + random.nextInt(6);
        for (int i = 0; i < count; i++) {
            long[] region = regions.get(random.nextInt(regions.size()));
            int at = (int) (region[0] + random.nextInt((int) (region[1] - region[0])));
            switch (random.nextInt(5)) {
                case 0 -> copy[at] = (byte) random.nextInt(256);
                case 1 -> copy[at] = (byte) (copy[at] ^ (1 << random.nextInt(8)));
                case 2 -> {
                    long[] interesting = {
                        0,
                        1,
                        0xFFFF_FFFFL,
                        0x7FFF_FFFFL,
                        MalformedImages.rootBlock(image),
                        image.length / 2048,
                        image.length / 2048 - 1,
                        random.nextInt(1 << 20)
                    };
                    if (at + 8 <= copy.length) {
                        putBoth32(copy, at, interesting[random.nextInt(interesting.length)]);
                    }
                }
                case 3 -> {
                    int length = 1 + random.nextInt(64);
                    java.util.Arrays.fill(copy, at, Math.min(copy.length, at + length), (byte) 0);
                }
                default -> copy[at] = (byte) 0xFF;
            }
        }
        return copy;
    }

    @Property(tries = 300, seed = "20261124")
    void mutatedImagesFailOnlyAsMalformed(@ForAll long seed) throws IOException {
        byte[] image = mutate(valid, seed);
        String outcome;
        try {
            walkAndReadEverything(image);
            outcome = "read";
        } catch (MalformedImageException expected) {
            if (expected.offset() < 0 || expected.offset() > image.length) {
                throw new AssertionError("offset outside the image in " + expected.getMessage());
            }
            outcome = "malformed";
        }
        Statistics.collect(outcome);
        // The mutations must reach the parser's checks, or the property proves nothing.
        Statistics.coverage(coverage -> coverage.check("malformed").percentage(p -> p > 20));
    }
}
