package dev.webboot.iso.iso9660;

import static dev.webboot.iso.iso9660.IsoTestSupport.xorriso;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.ImageSources;
import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ProviderNotFoundException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The java.nio file system over ISO 9660 images, compared with xorriso's extraction. */
class Iso9660FileSystemTest {
    @TempDir(factory = MemoryTempDirFactory.class)
    Path work;

    private Path smallImage() throws IOException {
        Path src = Files.createDirectories(work.resolve("src/sub/dir"));
        Files.writeString(src.resolve("hello.txt"), "hello, world\n");
        Files.write(work.resolve("src/blob.bin"), new byte[70_000]);
        Files.createSymbolicLink(work.resolve("src/link"), Path.of("sub/dir/hello.txt"));
        Path image = work.resolve("small.iso");
        ExternalTools.run(
                work,
                xorriso().toString(),
                "-as",
                "mkisofs",
                "-R",
                "-J",
                "-o",
                image.toString(),
                work.resolve("src").toString());
        return image;
    }

    @Test
    void newFileSystemFindsTheProviderAndWalksLikeXorrisoExtracts() throws IOException {
        Path image = smallImage();
        Map<String, IsoTestSupport.Entry> expected = IsoTestSupport.extractWithXorriso(image, work.resolve("out"));
        try (FileSystem fs = FileSystems.newFileSystem(image)) {
            assertThat(fs).isInstanceOf(Iso9660FileSystem.class);
            assertThat(fs.provider().getScheme()).isEqualTo("iso9660");
            assertThat(IsoTestSupport.snapshot(fs.getPath("/"))).isEqualTo(expected);
            assertThat(Files.readString(fs.getPath("/link"))).isEqualTo("hello, world\n");
            assertThat(Files.readSymbolicLink(fs.getPath("/link")).toString()).isEqualTo("sub/dir/hello.txt");
        }
    }

    @Test
    void extentsPointAtTheFileBytesInTheImage() throws IOException {
        Path image = smallImage();
        try (Iso9660FileSystem iso = Iso9660FileSystem.open(image)) {
            List<Extent> extents = iso.extents(iso.getPath("/sub/dir/hello.txt"));
            assertThat(extents).hasSize(1);
            try (ImageSource slice = ImageSources.slice(
                    iso.source(), extents.get(0).offset(), extents.get(0).length(), "hello")) {
                ByteBuffer bytes = ByteBuffer.allocate((int) slice.size());
                slice.readFully(bytes, 0);
                assertThat(new String(bytes.array(), StandardCharsets.UTF_8)).isEqualTo("hello, world\n");
            }
            assertThat(iso.volume().rockRidge()).isTrue();
        }
    }

    @Test
    void otherFilesFallThroughToOtherProviders() throws IOException {
        Path text = Files.writeString(work.resolve("not-an-iso.txt"), "x".repeat(40_000));
        assertThatThrownBy(() -> FileSystems.newFileSystem(text)).isInstanceOf(ProviderNotFoundException.class);
    }

    /**
     * A sparse file just over 4 GiB: xorriso stores it as several extents (a directory record holds at most 4 GiB).
     * Its bytes are compared with xorriso's extraction streamed, a megabyte at a time.
     */
    @Test
    void multiExtentFileLargerThan4GiB() throws IOException {
        Path src = Files.createDirectories(work.resolve("big"));
        Path big = src.resolve("big.bin");
        long size = (4L << 30) + (1 << 20) + 12345;
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(size);
            for (long at : new long[] {0, (4L << 30) - 3, 4L << 30, size - 9}) {
                file.seek(at);
                file.write(String.format("%-9.9s", "mark@" + at).getBytes(StandardCharsets.US_ASCII));
            }
        }
        Files.writeString(src.resolve("after.txt"), "a file after the big one\n");
        // 4 GiB of written zeros: work is on tmpfs when there is room (MemoryTempDirFactory), sparing the disk.
        Path image = work.resolve("big.iso");
        ExternalTools.run(
                work,
                xorriso().toString(),
                "-as",
                "mkisofs",
                "-R",
                "-iso-level",
                "3",
                "-o",
                image.toString(),
                src.toString());
        Files.delete(big);
        Path out = work.resolve("out");
        IsoTestSupport.extract(image, out);
        try (Iso9660FileSystem iso = Iso9660FileSystem.open(image)) {
            long hashLimit = 1L << 30;
            assertThat(IsoTestSupport.snapshot(iso.getPath("/"), hashLimit))
                    .isEqualTo(IsoTestSupport.snapshot(out, hashLimit));
            assertThat(Files.size(iso.getPath("/big.bin"))).isEqualTo(size);
            List<Extent> extents = iso.extents(iso.getPath("/big.bin"));
            assertThat(extents).hasSizeGreaterThan(1);
            assertThat(extents.stream().mapToLong(Extent::length).sum()).isEqualTo(size);
            try (SeekableByteChannel ours = Files.newByteChannel(iso.getPath("/big.bin"));
                    SeekableByteChannel theirs = Files.newByteChannel(out.resolve("big.bin"))) {
                assertThat(IsoTestSupport.sameBytes(ours, theirs)).isEqualTo(size);
                ByteBuffer mark = ByteBuffer.allocate(9);
                ours.position(4L << 30);
                ours.read(mark);
                assertThat(new String(mark.array(), StandardCharsets.US_ASCII)).isEqualTo("mark@4294");
            }
        }
    }
}
