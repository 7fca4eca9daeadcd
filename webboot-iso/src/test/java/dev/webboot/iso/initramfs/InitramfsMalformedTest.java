package dev.webboot.iso.initramfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.webboot.iso.MalformedImageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed initrds fail with a MalformedImageException naming the image and the offset, never anything worse. */
class InitramfsMalformedTest {
    @TempDir
    Path tmp;

    private static final Path CORPUS = Path.of("src/test/resources/fuzz/initramfs");

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            List<Path> list = files.sorted().toList();
            assertThat(list).hasSizeGreaterThan(10);
            return list.stream();
        }
    }

    /** The committed corpus: {@code malformed-*} must be refused, {@code ok-*} must read. */
    @ParameterizedTest
    @MethodSource("corpus")
    void corpusReplays(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        if (name.startsWith("ok-")) {
            assertThat(MemoryImages.readEverything(bytes, name, Initramfs.Limits.DEFAULT))
                    .isPositive();
        } else {
            Throwable thrown = catchThrowable(() -> MemoryImages.readEverything(bytes, name, Initramfs.Limits.DEFAULT));
            assertThat(thrown).isInstanceOf(MalformedImageException.class).hasMessageStartingWith(name + ": ");
            assertThat(((MalformedImageException) thrown).offset()).isBetween(0L, (long) bytes.length);
        }
    }

    @Test
    void messagesNameTheProblemAndOffset() {
        assertProblem("malformed-bad-magic.bin", "invalid magic", 0);
        assertProblem("malformed-name-too-long.bin", "name length 8192", 94);
        assertProblem("malformed-name-past-end.bin", "name length 2048 runs past the end", 94);
        assertProblem("malformed-size-past-end.bin", "runs past the end", 54);
        assertProblem("malformed-crc-mismatch.bin", "bad data checksum", 112);
        assertProblem("malformed-old-cpio.bin", "070707", 0);
        assertProblem("malformed-broken-padding.bin", "broken padding", 489);
        assertProblem("malformed-junk-in-gzip.bin", "junk within compressed archive", 0);
        assertProblem("malformed-zstd-huge-window.bin", "window", 0);
        assertProblem("malformed-lz4-huge-block.bin", "exceeds", 0);
        assertProblem("malformed-lzop-huge-block.bin", "exceeds 256 KiB", 0);
    }

    private static void assertProblem(String file, String text, long offset) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(CORPUS.resolve(file));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Throwable thrown = catchThrowable(() -> MemoryImages.readEverything(bytes, file, Initramfs.Limits.DEFAULT));
        assertThat(thrown).as(file).isInstanceOf(MalformedImageException.class).hasMessageContaining(text);
        assertThat(((MalformedImageException) thrown).offset()).as(file).isEqualTo(offset);
    }

    /** Every real tool's output cut short is refused, with the offset of the segment that broke. */
    @ParameterizedTest
    @EnumSource(
            value = Compression.class,
            names = {"NONE"},
            mode = EnumSource.Mode.EXCLUDE)
    void truncatedSegmentsAreMalformed(Compression compression) throws IOException {
        Path early = tmp.resolve("early.cpio");
        Fixtures.cpio(Fixtures.microcodeTree(Files.createDirectories(tmp.resolve("early")), 1), "newc", early);
        Path main = tmp.resolve("main.cpio");
        Fixtures.cpio(Fixtures.microcodeTree(Files.createDirectories(tmp.resolve("main")), 2), "newc", main);
        Path compressed = tmp.resolve("main.c");
        Fixtures.compress(compression, main, compressed);
        byte[] whole = Files.readAllBytes(early);
        byte[] tail = Files.readAllBytes(compressed);
        for (int cut : new int[] {2, tail.length / 2, tail.length - 1}) {
            byte[] bytes = Arrays.copyOf(whole, whole.length + cut);
            System.arraycopy(tail, 0, bytes, whole.length, cut);
            Throwable thrown =
                    catchThrowable(() -> MemoryImages.readEverything(bytes, "cut", Initramfs.Limits.DEFAULT));
            if (compression == Compression.LZ4 && cut == tail.length - 1) {
                // Cutting lz4's last byte loses block data: the decoder notices the block is short.
                assertThat(thrown).isInstanceOf(MalformedImageException.class);
                continue;
            }
            assertThat(thrown)
                    .as("%s cut at %d", compression, cut)
                    .isInstanceOf(MalformedImageException.class)
                    .hasMessageContaining(compression.cliName());
            assertThat(((MalformedImageException) thrown).offset()).isEqualTo(whole.length);
        }
    }

    /** A small gzip stream that inflates to 64 MiB (zeros, which the kernel skips as padding) hits the cap. */
    @Test
    void decompressionBombIsCapped() throws IOException {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bomb)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                gzip.write(zeros);
            }
        }
        byte[] bytes = bomb.toByteArray();
        assertThat(bytes.length).isLessThan(200_000);
        assertThatThrownBy(() -> MemoryImages.readEverything(bytes, "bomb", new Initramfs.Limits(8 << 20, 1000)))
                .isInstanceOf(MalformedImageException.class)
                .hasMessageContaining("exceeds the limit of 8388608 bytes");
        // Under the default cap the same stream is only padding: no members, no error.
        try (var source = MemoryImages.of(bytes, "bomb");
                Initramfs initramfs = Initramfs.open(source)) {
            assertThat(initramfs.members()).isEmpty();
            assertThat(initramfs.segments()).hasSize(1);
            assertThat(initramfs.segments().get(0).uncompressedLength()).isEqualTo(64 << 20);
        }
    }

    /** Symlink loops leave members uncreated, as in the kernel, without hanging; a good chain resolves. */
    @Test
    void symlinkLoopsDoNotHang() throws IOException {
        byte[] bytes = Files.readAllBytes(CORPUS.resolve("ok-symlink-loops.bin"));
        try (var source = MemoryImages.of(bytes, "loops");
                Initramfs initramfs = Initramfs.open(source)) {
            assertThat(initramfs.members()).hasSize(8);
            assertThat(initramfs.exists("/x/f")).isFalse();
            assertThat(initramfs.exists("/z/g")).isFalse();
            assertThat(initramfs.paths()).containsExactly("/d", "/d/h", "/e", "/x", "/y", "/z");
            assertThat(initramfs.read("/e/h")).isEqualTo("through e".getBytes());
        }
    }

    @Test
    void memberCountIsCapped() throws IOException {
        byte[] bytes = Files.readAllBytes(CORPUS.resolve("ok-newc-minimal.bin"));
        assertThatThrownBy(() -> MemoryImages.readEverything(bytes, "many", new Initramfs.Limits(1 << 20, 2)))
                .isInstanceOf(MalformedImageException.class)
                .hasMessageContaining("more than 2 members");
    }

    @Test
    void missingPathsAndNonFilesAreReportedPlainly() throws IOException {
        byte[] bytes = Files.readAllBytes(CORPUS.resolve("ok-newc-minimal.bin"));
        try (var source = MemoryImages.of(bytes, "mini");
                Initramfs initramfs = Initramfs.open(source)) {
            assertThatThrownBy(() -> initramfs.read("/nope"))
                    .isInstanceOf(java.io.FileNotFoundException.class)
                    .hasMessage("mini: /nope: no such member");
            assertThatThrownBy(() -> initramfs.read("/bin"))
                    .isInstanceOf(java.io.FileNotFoundException.class)
                    .hasMessage("mini: /bin: not a regular file");
            try (InputStream in = initramfs.newInputStream("./init")) {
                assertThat(in.readAllBytes()).isEqualTo("#!/bin/sh\n".getBytes());
            }
        }
    }
}
