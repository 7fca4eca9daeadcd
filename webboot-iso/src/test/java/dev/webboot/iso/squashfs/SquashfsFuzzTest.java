package dev.webboot.iso.squashfs;

import dev.webboot.iso.ImageSources;
import dev.webboot.iso.MalformedImageException;
import dev.webboot.iso.internal.squashfs.Superblock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Mutates small mksquashfs images (bytes overwritten, superblock fields and metadata headers hit more often, images
 * cut short) and requires the reader to either read them or refuse them with a MalformedImageException: never a
 * runtime exception, an OutOfMemoryError or a stack overflow. Fixed seed, so every run tries the same inputs.
 */
class SquashfsFuzzTest {
    private static Path work;
    private static byte[][] seeds;

    record Mutation(int position, byte value) {}

    record Case(int seed, List<Mutation> mutations, int cut) {}

    @BeforeContainer
    static void makeSeeds() throws IOException {
        work = Files.createTempDirectory("squashfs-fuzz");
        seeds = SquashfsFuzzing.seeds(work);
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
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(4, 95)), // the superblock, not its magic
                net.jqwik.api.Tuple.of(9, Arbitraries.integers().between(96, 1 << 16)));
        Arbitrary<Byte> value = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.of((byte) 0, (byte) 0xff, (byte) 0x80, (byte) 1)),
                net.jqwik.api.Tuple.of(3, Arbitraries.bytes()));
        Arbitrary<Mutation> mutation = Combinators.combine(position, value).as(Mutation::new);
        return Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        mutation.list().ofMinSize(1).ofMaxSize(8),
                        Arbitraries.frequencyOf(
                                net.jqwik.api.Tuple.of(9, Arbitraries.just(-1)),
                                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 1 << 16))))
                .as(Case::new);
    }

    @Property(
            tries = 400,
            seed = "20261124",
            shrinking = ShrinkingMode.OFF,
            edgeCases = net.jqwik.api.EdgeCasesMode.MIXIN)
    void mutatedImagesAreReadOrRefused(@ForAll("cases") Case c) throws IOException {
        byte[] image = seeds[c.seed()].clone();
        for (Mutation m : c.mutations()) {
            int at = m.position() < Superblock.SIZE
                    ? m.position()
                    : Superblock.SIZE + m.position() % (image.length - Superblock.SIZE);
            image[at] = m.value();
        }
        if (c.cut() >= 0) {
            image = java.util.Arrays.copyOf(image, c.cut() % (image.length + 1));
        }
        try {
            SquashfsFuzzing.exercise(ImageSources.of(image, "fuzz.sqfs"));
        } catch (MalformedImageException refused) {
            // a refusal that names the image and an offset is the right answer for a corrupt image
        }
    }
}
