package dev.webboot.iso.ext4;

import dev.webboot.iso.ImageSources;
import dev.webboot.iso.MalformedImageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Mutates small mke2fs images (bytes overwritten, the superblock, group descriptors, inode table and directory and
 * extent blocks at the front of the image hit most often) and requires the reader to either read them or refuse
 * them with a MalformedImageException: never a runtime exception, an OutOfMemoryError, a hang or a stack overflow.
 * Fixed seed, so every run tries the same inputs.
 */
class Ext4FuzzTest {
    private static Path work;
    private static byte[][] seeds;

    record Mutation(int position, byte value) {}

    record Case(int seed, List<Mutation> mutations) {}

    @BeforeContainer
    static void makeSeeds() throws IOException {
        work = Files.createTempDirectory("ext4-fuzz");
        seeds = Ext4Fuzzing.seeds(work);
    }

    @AfterContainer
    static void removeSeeds() throws IOException {
        try (Stream<Path> walk = Files.walk(work)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Integer> position = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.integers().between(1024, 1024 + 0x37)), // superblock before the magic
                Tuple.of(2, Arbitraries.integers().between(1024 + 0x3A, 2047)), // superblock after it
                Tuple.of(12, Arbitraries.integers().between(2048, 64 * 1024)), // descriptors, tables, metadata
                Tuple.of(1, Arbitraries.integers().between(64 * 1024, 128 * 1024 - 1)));
        Arbitrary<Byte> value = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of((byte) 0, (byte) 0xff, (byte) 0x80, (byte) 1, (byte) 0x7f)),
                Tuple.of(3, Arbitraries.bytes()));
        Arbitrary<Mutation> mutation = Combinators.combine(position, value).as(Mutation::new);
        return Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        mutation.list().ofMinSize(1).ofMaxSize(6))
                .as(Case::new);
    }

    @Property(tries = 1500, seed = "20261125", shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.MIXIN)
    void mutatedImagesAreReadOrRefused(@ForAll("cases") Case c) throws IOException {
        byte[] image = seeds[c.seed()].clone();
        for (Mutation m : c.mutations()) {
            image[m.position() % image.length] = m.value();
        }
        try {
            Ext4Fuzzing.exercise(ImageSources.of(image, "fuzz.img"));
        } catch (MalformedImageException refused) {
            // a refusal that names the image and an offset is the right answer for a corrupt image
        }
    }
}
