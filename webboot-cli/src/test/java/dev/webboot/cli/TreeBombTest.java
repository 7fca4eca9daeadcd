package dev.webboot.cli;

import static dev.webboot.testing.ExternalTools.require;
import static dev.webboot.testing.ExternalTools.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.iso.ImageWalk;
import dev.webboot.iso.MalformedImageException;
import dev.webboot.iso.TooManyEntriesException;
import dev.webboot.iso.iso9660.Extent;
import dev.webboot.iso.iso9660.Iso9660FileSystem;
import dev.webboot.testing.IsoBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tree bombs: images whose directories name one child directory many times (50 records six levels deep, 2 records
 * forty levels deep, 10 squashfs entries nine levels deep), made by xorriso and mksquashfs and then patched, so that
 * a walk would visit 50^6, 2^40 or 10^9 paths. Each must end in exit 1 with one sentence naming both places.
 */
class TreeBombTest {
    @TempDir
    static Path dir;

    static Path wideIso;
    static Path deepIso;
    static Path squashfs;

    @BeforeAll
    static void buildBombs() throws IOException {
        wideIso = isoBomb("wide", 6, 50);
        deepIso = isoBomb("deep", 40, 2);
        squashfs = squashfsBomb(9, 10);
    }

    /**
     * An ISO of {@code levels} nested directories {@code a}, each also holding {@code width - 1} empty siblings whose
     * directory records are then pointed at the extent of {@code a}.
     */
    private static Path isoBomb(String name, int levels, int width) throws IOException {
        Path tree = dir.resolve(name + "-tree");
        Path level = tree;
        for (int l = 0; l < levels; l++) {
            for (int k = 1; k < width; k++) {
                Files.createDirectories(level.resolve(String.format("b%02d", k)));
            }
            level = Files.createDirectories(level.resolve("a"));
        }
        Path iso = IsoBuilder.of(tree).build(dir.resolve(name + ".iso"));
        byte[] image = Files.readAllBytes(iso);
        String path = "/";
        try (Iso9660FileSystem fs = Iso9660FileSystem.open(iso)) {
            for (int l = 0; l < levels; l++) {
                Extent extent = fs.extents(fs.getPath(path)).get(0);
                pointSiblingsAtA(image, (int) extent.offset(), (int) extent.length());
                path = path + "a/";
            }
        }
        Files.write(iso, image);
        return iso;
    }

    /** In the directory extent at {@code at}, gives every record named {@code B…} the extent of record {@code A}. */
    private static void pointSiblingsAtA(byte[] image, int at, int length) {
        ByteBuffer le = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int aLocation = -1;
        int aLength = -1;
        for (int pass = 0; pass < 2; pass++) {
            for (int block = at; block < at + length; block += 2048) {
                for (int pos = block; pos < block + 2048 && image[pos] != 0; pos += image[pos] & 0xff) {
                    String isoName = new String(image, pos + 33, image[pos + 32] & 0xff, StandardCharsets.US_ASCII);
                    if (pass == 0 && isoName.equals("A")) {
                        aLocation = le.getInt(pos + 2);
                        aLength = le.getInt(pos + 10);
                    } else if (pass == 1 && isoName.startsWith("B")) {
                        putBoth32(image, pos + 2, aLocation);
                        putBoth32(image, pos + 10, aLength);
                    }
                }
            }
            assertThat(aLocation).as("record A in the directory at byte " + at).isPositive();
        }
    }

    private static void putBoth32(byte[] image, int at, int value) {
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
        ByteBuffer.wrap(image).order(ByteOrder.BIG_ENDIAN).putInt(at + 4, value);
    }

    /**
     * A squashfs (metadata uncompressed, so it can be patched) of {@code levels} nested directories, each holding
     * {@code width} directories {@code LnDk}; the entries of D1… are then pointed at the inode of D0.
     */
    private static Path squashfsBomb(int levels, int width) throws IOException {
        Path tree = dir.resolve("squashfs-tree");
        Path level = tree;
        for (int l = 0; l < levels; l++) {
            for (int k = 1; k < width; k++) {
                Files.createDirectories(level.resolve("L" + l + "D" + k + "x"));
            }
            level = Files.createDirectories(level.resolve("L" + l + "D0x"));
        }
        Path image = dir.resolve("bomb.squashfs");
        String mksquashfs = require("mksquashfs", "squashfs-tools").toString();
        run(
                dir,
                mksquashfs,
                tree.toString(),
                image.toString(),
                "-noI",
                "-noD",
                "-noF",
                "-noX",
                "-quiet",
                "-no-progress");
        byte[] bytes = Files.readAllBytes(image);
        for (int l = 0; l < levels; l++) {
            // An entry: inode offset u16, inode number delta s16, type u16, name size - 1 u16, then the name.
            int first = entryOf(bytes, "L" + l + "D0x");
            for (int k = 1; k < width; k++) {
                int entry = entryOf(bytes, "L" + l + "D" + k + "x");
                System.arraycopy(bytes, first, bytes, entry, 4);
            }
        }
        Files.write(image, bytes);
        return image;
    }

    private static int entryOf(byte[] image, String name) {
        byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
        int found = -1;
        outer:
        for (int i = 8; i <= image.length - wanted.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (image[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            assertThat(found).as("one occurrence of " + name).isEqualTo(-1);
            found = i - 8;
        }
        assertThat(found).as(name + " in the directory table").isNotNegative();
        return found;
    }

    private static void assertOneSentence(CliRun.Result r, String... parts) {
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stderr().lines()).as(r.stderr()).hasSize(1);
        assertThat(r.stderr()).startsWith("webboot: ").contains(parts);
    }

    @Test
    void wideIsoBombIsRefusedByLsAndExtract() {
        assertOneSentence(
                CliRun.webboot(dir, "iso", "ls", "-R", wideIso.toString()), "is the directory", "a second path");
        assertOneSentence(
                CliRun.webboot(
                        dir,
                        "iso",
                        "extract",
                        wideIso.toString(),
                        "-o",
                        dir.resolve("wide-out").toString()),
                "is the directory",
                "a second path");
    }

    @Test
    void deepIsoBombIsRefusedByLsAndExtract() {
        assertOneSentence(CliRun.webboot(dir, "iso", "ls", "-R", deepIso.toString()), "is the directory");
        assertOneSentence(
                CliRun.webboot(
                        dir,
                        "iso",
                        "extract",
                        deepIso.toString(),
                        "-o",
                        dir.resolve("deep-out").toString()),
                "is the directory");
    }

    @Test
    void squashfsBombIsRefusedByLsAndExtract() {
        assertOneSentence(
                CliRun.webboot(dir, "squashfs", "ls", "-R", squashfs.toString()),
                "/L0D1x is the directory /L0D0x again");
        assertOneSentence(
                CliRun.webboot(
                        dir,
                        "squashfs",
                        "extract",
                        squashfs.toString(),
                        "-o",
                        dir.resolve("squashfs-out").toString()),
                "is the directory");
    }

    /** What a walk of {@code start} with at most {@code maxEntries} fails with, unwrapped from the stream. */
    private static IOException walkFailure(Path start, long maxEntries) {
        try (Stream<Path> all = ImageWalk.walk(start, maxEntries)) {
            all.forEach(p -> {});
        } catch (UncheckedIOException e) {
            return e.getCause();
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("the walk of " + start + " succeeded");
    }

    @Test
    void theLibraryNamesBothPathsAndTheRecordOffset() throws IOException {
        try (Iso9660FileSystem fs = Iso9660FileSystem.open(wideIso)) {
            assertThat(walkFailure(fs.getPath("/"), ImageWalk.DEFAULT_MAX_ENTRIES))
                    .isInstanceOfSatisfying(MalformedImageException.class, e -> {
                        assertThat(e.problem()).contains("directory /b01 is the directory /a again");
                        assertThat(e.offset()).isPositive();
                        assertThat(e.getMessage()).contains("at byte offset " + e.offset());
                    });
        }
    }

    @Test
    void maxEntriesBoundsAWalkAndCanBeRaised() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("plain/x/y"));
        Files.writeString(tree.resolve("z"), "z\n");
        Path plain = IsoBuilder.of(dir.resolve("plain")).build(dir.resolve("plain.iso"));
        assertOneSentence(
                CliRun.webboot(dir, "iso", "ls", "-R", "--max-entries", "2", plain.toString()),
                "more than 2 entries below /",
                "--max-entries N allows more");
        assertOneSentence(
                CliRun.webboot(
                        dir,
                        "iso",
                        "extract",
                        "--max-entries",
                        "2",
                        plain.toString(),
                        "-o",
                        dir.resolve("cap").toString()),
                "more than 2 entries below /",
                "--max-entries N allows more");
        CliRun.Result raised = CliRun.webboot(dir, "iso", "ls", "-R", "--max-entries", "3", plain.toString());
        assertThat(raised.exitCode()).as(raised.stderr()).isZero();
        assertThat(raised.out().lines()).hasSize(3);
        try (Iso9660FileSystem fs = Iso9660FileSystem.open(plain)) {
            assertThat(walkFailure(fs.getPath("/"), 2))
                    .isInstanceOf(TooManyEntriesException.class)
                    .hasMessageContaining("more than 2 entries");
            try (Stream<Path> all = ImageWalk.walk(fs.getPath("/"), 3)) {
                assertThat(all.map(Path::toString)).containsExactly("/x", "/x/y", "/x/y/z");
            }
        }
    }
}
