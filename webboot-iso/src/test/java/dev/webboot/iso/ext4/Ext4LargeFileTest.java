package dev.webboot.iso.ext4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sparse files larger than the heap and beyond 32-bit sizes and offsets, read through the channel as they stream:
 * memory stays bounded (the JVM's heap is smaller than the file), holes read as zeros and the data around 2 GiB and
 * 4 GiB lands where mke2fs put it. An ext2 file with 1 KiB blocks reaches the triple-indirect block map.
 */
class Ext4LargeFileTest {
    private static final long BIG = (4L << 30) + 4099;

    @TempDir
    Path work;

    @Test
    void streamsAFourGibibyteSparseFile() throws IOException {
        Path tree = work.resolve("tree");
        Files.createDirectories(tree);
        Map<Long, byte[]> pieces = new LinkedHashMap<>();
        pieces.put(0L, "start of the big file\n".repeat(200).getBytes(StandardCharsets.UTF_8));
        pieces.put((2L << 30) - 3, "across 2 GiB".getBytes(StandardCharsets.UTF_8));
        pieces.put((4L << 30) + 1, "beyond 4 GiB".repeat(8).getBytes(StandardCharsets.UTF_8));
        pieces.put(BIG - 1, new byte[] {'!'});
        writeSparse(tree.resolve("big"), BIG, pieces);
        Path image = Ext4Peer.mkfs("mkfs.ext4", tree, work.resolve("big.img"), "32M", List.of());
        String stat = Ext4Peer.debugfs(image, false, List.of("stat /big"));
        assertThat(stat).contains("Size: " + BIG);
        assertThat(Runtime.getRuntime().maxMemory()).isLessThan(BIG);
        try (Ext4FileSystem fs = Ext4FileSystem.open(image);
                SeekableByteChannel channel = Files.newByteChannel(fs.getPath("/big"))) {
            assertThat(channel.size()).isEqualTo(BIG);
            assertContent(channel, BIG, pieces);
        }
    }

    @Test
    void readsTripleIndirectBlocksOfAnExt2File() throws IOException {
        Path tree = work.resolve("tree2");
        Files.createDirectories(tree);
        long size = (70L << 20) + 10;
        Map<Long, byte[]> pieces = new LinkedHashMap<>();
        pieces.put(0L, "direct".getBytes(StandardCharsets.UTF_8));
        pieces.put(13L * 1024, "single".getBytes(StandardCharsets.UTF_8));
        pieces.put(1L << 20, "double".getBytes(StandardCharsets.UTF_8));
        pieces.put(size - 6, "triple".getBytes(StandardCharsets.UTF_8));
        writeSparse(tree.resolve("triple"), size, pieces);
        Path image = Ext4Peer.mkfs("mkfs.ext2", tree, work.resolve("ext2.img"), "8M", List.of("-b", "1024"));
        assertThat(Ext4Peer.debugfs(image, false, List.of("stat /triple"))).contains("(TIND)");
        Path dumped = work.resolve("dumped");
        ExternalTools.run(work, Ext4Peer.debugfs().toString(), "-R", "dump /triple " + dumped, image.toString());
        String expected;
        try (InputStream in = Files.newInputStream(dumped)) {
            expected = Ext4Peer.sha256(in);
        }
        try (Ext4FileSystem fs = Ext4FileSystem.open(image)) {
            try (SeekableByteChannel channel = Files.newByteChannel(fs.getPath("/triple"))) {
                assertThat(Ext4Peer.sha256(channel)).isEqualTo(expected);
            }
            try (SeekableByteChannel channel = Files.newByteChannel(fs.getPath("/triple"))) {
                assertContent(channel, size, pieces);
            }
        }
    }

    private static void writeSparse(Path file, long size, Map<Long, byte[]> pieces) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (Map.Entry<Long, byte[]> piece : pieces.entrySet()) {
                out.write(ByteBuffer.wrap(piece.getValue()), piece.getKey());
            }
            out.truncate(size);
        }
    }

    /** Reads the whole channel in 1 MiB steps: each piece where it was written, zeros everywhere else. */
    private static void assertContent(SeekableByteChannel channel, long size, Map<Long, byte[]> pieces)
            throws IOException {
        byte[] expected = new byte[1 << 20];
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        long position = 0;
        while (true) {
            buffer.clear();
            int n = channel.read(buffer);
            if (n < 0) {
                break;
            }
            Arrays.fill(expected, 0, n, (byte) 0);
            for (Map.Entry<Long, byte[]> piece : pieces.entrySet()) {
                long start = Math.max(piece.getKey(), position);
                long end = Math.min(piece.getKey() + piece.getValue().length, position + n);
                for (long at = start; at < end; at++) {
                    expected[(int) (at - position)] = piece.getValue()[(int) (at - piece.getKey())];
                }
            }
            if (Arrays.mismatch(buffer.array(), 0, n, expected, 0, n) >= 0) {
                throw new AssertionError("content differs in the 1 MiB at byte " + position);
            }
            position += n;
        }
        assertThat(position).isEqualTo(size);
    }
}
