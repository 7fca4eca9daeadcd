package dev.webboot.iso.initramfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.iso.MalformedImageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Mutations of initrds made by GNU cpio and the real compressors (flipped bytes, cuts, insertions, overwritten length
 * fields): the reader either reads them or throws MalformedImageException, and nothing else.
 */
class InitramfsFuzzTest {
    private static final Initramfs.Limits LIMITS = new Initramfs.Limits(64L << 20, 10_000);

    /** Valid initrds, one per compression, made once. */
    private static final List<byte[]> SEEDS = makeSeeds();

    private static List<byte[]> makeSeeds() {
        try {
            Path tmp = Files.createTempDirectory("webboot-fuzz");
            try {
                Path early = tmp.resolve("early.cpio");
                Fixtures.cpio(Fixtures.microcodeTree(Files.createDirectories(tmp.resolve("early")), 1), "newc", early);
                Path tree = Files.createDirectories(tmp.resolve("main"));
                Files.createDirectories(tree.resolve("usr/lib"));
                Files.createSymbolicLink(tree.resolve("lib"), Path.of("usr/lib"));
                Files.write(tree.resolve("usr/lib/a.ko"), Fixtures.randomBytes(new Random(3), 3000, true));
                Files.writeString(tree.resolve("init"), "#!/bin/sh\n");
                Files.createLink(tree.resolve("init2"), tree.resolve("init"));
                Path main = tmp.resolve("main.cpio");
                Fixtures.cpio(tree, "crc", main);
                List<byte[]> seeds = new ArrayList<>();
                for (Compression compression : Compression.values()) {
                    Path compressed = tmp.resolve("main." + compression.cliName());
                    Fixtures.compress(compression, main, compressed);
                    byte[] a = Files.readAllBytes(early);
                    byte[] b = Files.readAllBytes(compressed);
                    byte[] all = new byte[a.length + b.length];
                    System.arraycopy(a, 0, all, 0, a.length);
                    System.arraycopy(b, 0, all, a.length, b.length);
                    seeds.add(all);
                }
                return seeds;
            } finally {
                try (Stream<Path> walk = Files.walk(tmp)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Mutation(int seed, int kind, int position, int value, long random) {}

    @Provide
    Arbitrary<Mutation> mutations() {
        return net.jqwik.api.Combinators.combine(
                        Arbitraries.integers().between(0, Compression.values().length - 1),
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, Integer.MAX_VALUE),
                        Arbitraries.integers().between(0, 255),
                        Arbitraries.longs())
                .as(Mutation::new);
    }

    @Property(tries = 400, seed = "424242", shrinking = ShrinkingMode.OFF)
    void mutatedInitrdsReadOrFailCleanly(@ForAll("mutations") Mutation mutation) throws IOException {
        byte[] original = SEEDS.get(mutation.seed());
        byte[] bytes = mutate(original, mutation);
        try {
            MemoryImages.readEverything(bytes, "fuzz", LIMITS);
        } catch (MalformedImageException e) {
            assertThat(e.getMessage()).startsWith("fuzz: ");
            assertThat(e.offset()).isBetween(0L, (long) bytes.length);
        }
    }

    private static byte[] mutate(byte[] original, Mutation m) {
        Random random = new Random(m.random());
        int at = m.position() % original.length;
        byte[] bytes = original.clone();
        switch (m.kind()) {
            case 0 -> { // flip a few bytes
                for (int i = 0; i < 1 + random.nextInt(8); i++) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
                }
            }
            case 1 -> bytes = java.util.Arrays.copyOf(bytes, at); // cut
            case 2 -> { // insert bytes
                byte[] longer = new byte[bytes.length + 1 + random.nextInt(16)];
                System.arraycopy(bytes, 0, longer, 0, at);
                for (int i = at; i < at + longer.length - bytes.length; i++) {
                    longer[i] = (byte) m.value();
                }
                System.arraycopy(bytes, at, longer, at + longer.length - bytes.length, bytes.length - at);
                bytes = longer;
            }
            case 3 -> { // overwrite an 8-digit hex field of a cpio header with a large value
                String big = String.format("%08X", random.nextInt() | 0x10000000);
                for (int i = 0; i < 8 && at + i < bytes.length; i++) {
                    bytes[at + i] = (byte) big.charAt(i);
                }
            }
            default -> { // a run of one value
                for (int i = at; i < Math.min(bytes.length, at + 1 + random.nextInt(64)); i++) {
                    bytes[i] = (byte) m.value();
                }
            }
        }
        return bytes;
    }
}
