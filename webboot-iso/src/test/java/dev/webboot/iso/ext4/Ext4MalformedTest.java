package dev.webboot.iso.ext4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.iso.MalformedImageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small mkfs.ext4 image (1 KiB blocks) with one structure damaged at a time, located with debugfs: each is refused
 * with a MalformedImageException naming the image and the byte offset of the damaged field.
 */
class Ext4MalformedTest {
    private static final int SB = 1024;

    @TempDir
    static Path work;

    static byte[] pristine;
    static long rootInode;
    static long fileInode;
    static long linkInode;
    static long rootBlock;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeImage() throws IOException {
        Path tree = work.resolve("t");
        Files.createDirectories(tree.resolve("d"));
        Files.writeString(tree.resolve("f"), "hello\n");
        byte[] data = new byte[5000];
        new java.util.Random(7).nextBytes(data);
        Files.write(tree.resolve("d/g"), data);
        Files.createSymbolicLink(tree.resolve("longlink"), Path.of("x".repeat(80)));
        Path image = work.resolve("base.img");
        // mke2fs writes a new file only up to its last used block: make it full-sized first.
        try (var channel = java.nio.channels.FileChannel.open(
                image, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(256 * 1024);
            channel.write(ByteBuffer.allocate(1), 256 * 1024 - 1);
        }
        Ext4Peer.mkfs("mkfs.ext4", tree, image, "256K", List.of("-b", "1024", "-O", "^has_journal,^resize_inode"));
        pristine = Files.readAllBytes(image);
        rootInode = inodeOffset(image, "<2>");
        fileInode = inodeOffset(image, "/d/g");
        linkInode = inodeOffset(image, "/longlink");
        String blocks = Ext4Peer.debugfs(image, false, List.of("blocks /"));
        Matcher m = Pattern.compile("(?m)^(\\d+)").matcher(blocks.replaceAll("(?m)^debugfs:.*$", ""));
        assertThat(m.find()).isTrue();
        rootBlock = Long.parseLong(m.group(1));
    }

    /** Where debugfs's {@code imap} says an inode is. */
    private static long inodeOffset(Path image, String spec) throws IOException {
        String out = Ext4Peer.debugfs(image, false, List.of("imap " + spec));
        Matcher m =
                Pattern.compile("located at block (\\d+), offset 0x([0-9a-f]+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Long.parseLong(m.group(1)) * 1024 + Long.parseLong(m.group(2), 16);
    }

    private Path damaged(String name, Damage damage) throws IOException {
        byte[] image = pristine.clone();
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        damage.apply(b);
        Path file = dir.resolve(name + ".img");
        Files.write(file, image);
        return file;
    }

    @FunctionalInterface
    interface Damage {
        void apply(ByteBuffer image);
    }

    private static void refused(Path image, ThrowingCallable read, long offset, String problem) {
        assertThatThrownBy(read)
                .isInstanceOfSatisfying(MalformedImageException.class, e -> {
                    assertThat(e.offset()).isEqualTo(offset);
                    assertThat(e.source()).isEqualTo(image.toString());
                })
                .hasMessageContaining(problem)
                .hasMessageEndingWith(" at byte offset " + offset);
    }

    private static void readEverything(Path image) throws IOException {
        try (Ext4FileSystem fs = Ext4FileSystem.open(image)) {
            Ext4Peer.actual(fs);
        }
    }

    @Test
    void noMagic() throws IOException {
        Path image = damaged("magic", b -> b.putShort(SB + 0x38, (short) 0x1234));
        refused(image, () -> Ext4FileSystem.open(image), SB + 0x38, "no 0xEF53 magic");
    }

    @Test
    void blockSizeAbove64KiB() throws IOException {
        Path image = damaged("log-block-size", b -> b.putInt(SB + 0x18, 7));
        refused(image, () -> Ext4FileSystem.open(image), SB + 0x18, "larger than 64 KiB");
    }

    @Test
    void inodeSizeNotAPowerOfTwo() throws IOException {
        Path image = damaged("inode-size", b -> b.putShort(SB + 0x58, (short) 200));
        refused(image, () -> Ext4FileSystem.open(image), SB + 0x58, "inode size 200");
    }

    @Test
    void imageShorterThanItsBlockCount() throws IOException {
        Path image = dir.resolve("truncated.img");
        Files.write(image, Arrays.copyOf(pristine, pristine.length / 2));
        refused(image, () -> Ext4FileSystem.open(image), SB + 0x4, "does not fit in the 131072-byte image");
    }

    @Test
    void encryptionIsRefused() throws IOException {
        Path image = damaged("encrypt", b -> b.putInt(SB + 0x60, b.getInt(SB + 0x60) | 0x10000));
        refused(image, () -> Ext4FileSystem.open(image), SB + 0x60, "encrypted ext4 file systems are not supported");
    }

    @Test
    void unknownIncompatibleFeatureIsRefused() throws IOException {
        Path image = damaged("incompat", b -> b.putInt(SB + 0x60, b.getInt(SB + 0x60) | 0x1000000));
        refused(image, () -> Ext4FileSystem.open(image), SB + 0x60, "unsupported incompatible features 0x1000000");
    }

    @Test
    void inodeCountNotWholeGroups() throws IOException {
        Path image = damaged("inode-count", b -> b.putInt(SB, 33));
        refused(image, () -> Ext4FileSystem.open(image), SB, "inode count 33");
    }

    @Test
    void inodeTableOutsideTheFileSystem() throws IOException {
        Path image = damaged("inode-table", b -> b.putInt(2048 + 0x8, 0xFFFFFF));
        refused(image, () -> Ext4FileSystem.open(image), 2048 + 0x8, "inode table at block 16777215");
    }

    @Test
    void rootExtentNodeWithoutMagic() throws IOException {
        Path image = damaged("root-extent-magic", b -> b.putShort((int) rootInode + 0x28, (short) 0));
        refused(image, () -> readEverything(image), rootInode + 0x28, "no 0xF30A magic");
    }

    @Test
    void extentTreeTooDeep() throws IOException {
        Path image = damaged("extent-depth", b -> b.putShort((int) fileInode + 0x28 + 6, (short) 9));
        refused(image, () -> readEverything(image), fileInode + 0x28 + 6, "extent node has depth 9");
    }

    @Test
    void extentOutsideTheFileSystem() throws IOException {
        Path image = damaged("extent-start", b -> b.putInt((int) fileInode + 0x28 + 12 + 8, 0x7FFFFFFF));
        refused(image, () -> readEverything(image), fileInode + 0x28 + 12 + 6, "lies outside the file system");
    }

    @Test
    void directoryRecordOfZeroBytes() throws IOException {
        Path image = damaged("rec-len", b -> b.putShort((int) rootBlock * 1024 + 4, (short) 0));
        refused(image, () -> readEverything(image), rootBlock * 1024 + 4, "directory entry of 0 bytes");
    }

    @Test
    void directoryEntryNamingAnUnusedInode() throws IOException {
        long entry = entryOffset("f");
        Path image = damaged("unused-inode", b -> b.putInt((int) entry, 30));
        refused(image, () -> readEverything(image), entry, "inode 30 is in the unused part of group 0");
    }

    @Test
    void directoryEntryNamingAnInodeBeyondTheCount() throws IOException {
        long entry = entryOffset("f");
        Path image = damaged("inode-number", b -> b.putInt((int) entry, 1000));
        refused(image, () -> readEverything(image), entry, "inode 1000 is outside 1..32");
    }

    @Test
    void directorySizeNotWholeBlocks() throws IOException {
        Path image = damaged("dir-size", b -> b.putInt((int) rootInode + 0x4, 1000));
        refused(image, () -> readEverything(image), rootInode + 0x4, "is not whole blocks");
    }

    @Test
    void symlinkLongerThanABlock() throws IOException {
        Path image = damaged("symlink-size", b -> b.putInt((int) linkInode + 0x4, 70000));
        refused(image, () -> readEverything(image), linkInode + 0x4, "symlink inode");
    }

    @Test
    void extraInodeFieldsLargerThanTheInode() throws IOException {
        Path image = damaged("extra-isize", b -> b.putShort((int) rootInode + 0x80, (short) 200));
        refused(image, () -> Ext4FileSystem.open(image), rootInode + 0x80, "claims 200 extra bytes");
    }

    /** The absolute offset of the root directory's entry named {@code name}, walking its records. */
    private static long entryOffset(String name) {
        ByteBuffer b = ByteBuffer.wrap(pristine).order(ByteOrder.LITTLE_ENDIAN);
        int start = (int) rootBlock * 1024;
        for (int at = start; at < start + 1024; ) {
            int recLen = b.getShort(at + 4) & 0xffff;
            int nameLen = b.get(at + 6) & 0xff;
            if (new String(pristine, at + 8, nameLen, java.nio.charset.StandardCharsets.UTF_8).equals(name)) {
                return at;
            }
            at += recLen;
        }
        throw new AssertionError("no entry " + name);
    }

    @Test
    void theUndamagedImageReadsAsDebugfsSaysIt() throws IOException {
        Path image = dir.resolve("pristine.img");
        Files.write(image, pristine);
        try (Ext4FileSystem fs = Ext4FileSystem.open(image)) {
            assertThat(Ext4Peer.differences(Ext4Peer.actual(fs), Ext4Peer.expected(image, dir)))
                    .isEmpty();
        }
    }
}
