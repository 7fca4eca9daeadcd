package dev.webboot.iso.iso9660;

import static dev.webboot.iso.iso9660.MalformedImages.indexOf;
import static dev.webboot.iso.iso9660.MalformedImages.putBoth32;
import static dev.webboot.iso.iso9660.MalformedImages.recordOffset;
import static dev.webboot.iso.iso9660.MalformedImages.rootBlock;
import static dev.webboot.iso.iso9660.MalformedImages.walkAndReadEverything;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.webboot.iso.MalformedImageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken images give MalformedImageException naming the offset, never an OutOfMemoryError, a hang or a crash. */
class Iso9660MalformedTest {
    @TempDir(factory = MemoryTempDirFactory.class)
    static Path work;

    static byte[] valid;

    @BeforeAll
    static void makeImage() throws IOException {
        valid = MalformedImages.smallImage(work);
    }

    private static MalformedImageException malformed(byte[] image) {
        MalformedImageException e =
                catchThrowableOfType(MalformedImageException.class, () -> walkAndReadEverything(image));
        assertThat(e).as("a MalformedImageException").isNotNull();
        assertThat(e.getMessage()).contains("fuzz.iso").contains("at byte offset " + e.offset());
        return e;
    }

    @Test
    void theValidImageReadsCompletely() throws IOException {
        assertThat(walkAndReadEverything(valid)).isEqualTo(6);
    }

    @Test
    void truncatedAnywhereBeforeItsLastDataBlock() throws IOException {
        // The last file data ends where xorriso's image ends (it pads nothing after it but its tail).
        long nodes = walkAndReadEverything(valid);
        int failures = 0;
        for (int cut = 0; cut < valid.length; cut += cut < 40_000 ? 997 : 2048) {
            byte[] truncated = Arrays.copyOf(valid, cut);
            try {
                assertThat(walkAndReadEverything(truncated)).isEqualTo(nodes);
            } catch (MalformedImageException e) {
                assertThat(e.offset()).isBetween(0L, (long) valid.length);
                failures++;
            }
        }
        assertThat(failures).isGreaterThan(30);
        // Cut right after the descriptors, the image has no root directory.
        assertThat(malformed(Arrays.copyOf(valid, 40_000)).offset()).isLessThan(40_000);
    }

    @Test
    void zeroedPrimaryDescriptor() {
        byte[] image = valid.clone();
        Arrays.fill(image, 32768, 32768 + 2048, (byte) 0);
        assertThat(malformed(image).offset()).isEqualTo(32769);
    }

    @Test
    void zeroedDescriptorsAfterThePrimaryEndTheSet() throws IOException {
        // A descriptor without CD001 after the primary ends the set, as Linux reads it: Joliet is then absent.
        byte[] image = valid.clone();
        Arrays.fill(image, 32768 + 2048, 32768 + 2 * 2048, (byte) 0);
        assertThat(walkAndReadEverything(image)).isEqualTo(walkAndReadEverything(valid));
    }

    @Test
    void directoryPointingAtTheRoot() {
        byte[] image = valid.clone();
        int sub = recordOffset(image, "SUB");
        putBoth32(image, sub + 2, rootBlock(image));
        assertThat(malformed(image).offset()).isEqualTo(sub + 2);
    }

    @Test
    void directoryPointingAtItsGrandparent() {
        byte[] image = valid.clone();
        int sub = recordOffset(image, "SUB");
        long subBlock = java.nio.ByteBuffer.wrap(image)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getInt(sub + 2);
        // sub/inner is the third record of sub's directory (after "." and "..").
        int pos = (int) subBlock * 2048;
        pos += image[pos] & 0xff;
        pos += image[pos] & 0xff;
        putBoth32(image, pos + 2, rootBlock(image));
        assertThat(malformed(image).offset()).isEqualTo(pos + 2);
    }

    @Test
    void fileLengthPastTheEnd() {
        byte[] image = valid.clone();
        int file = recordOffset(image, "FILE.TXT");
        putBoth32(image, file + 10, 0xFFFF_0000L);
        assertThat(malformed(image).offset()).isEqualTo(file + 2);
    }

    @Test
    void fileExtentPastTheEnd() {
        byte[] image = valid.clone();
        int file = recordOffset(image, "FILE.TXT");
        putBoth32(image, file + 2, 0x7FFF_FFF0L);
        assertThat(malformed(image).offset()).isEqualTo(file + 2);
    }

    @Test
    void associatedFilesAreHiddenAndHiddenFilesShownAsLinuxDoes() throws IOException {
        byte[] image = valid.clone();
        image[recordOffset(image, "FILE.TXT") + 25] |= 0x04; // associated file: Linux hides it unless "showassoc"
        image[recordOffset(image, "LINK") + 25] |= 0x01; // "existence" (hidden) flag: Linux shows it unless "hide"
        try (dev.webboot.iso.internal.iso9660.IsoTree tree = dev.webboot.iso.internal.iso9660.IsoTree.open(
                dev.webboot.iso.ImageSources.of(
                        new org.apache.commons.compress.utils.SeekableInMemoryByteChannel(image), "flags.iso"),
                true)) {
            assertThat(tree.children(tree.root()))
                    .extracting(dev.webboot.iso.internal.fs.ImageNode::name)
                    .contains("link", "sub")
                    .doesNotContain("file.txt");
        }
    }

    @Test
    void brokenZisofsData() throws IOException {
        Path src = java.nio.file.Files.createDirectories(work.resolve("zisofs-src"));
        java.nio.file.Files.writeString(src.resolve("text.txt"), "compress me please\n".repeat(20_000));
        Path iso = work.resolve("zisofs.iso");
        dev.webboot.testing.ExternalTools.run(
                work,
                IsoTestSupport.xorriso().toString(),
                "-outdev",
                "stdio:" + iso,
                "-map",
                src.toString(),
                "/",
                "-set_filter_r",
                "--zisofs",
                "/",
                "--",
                "-commit");
        byte[] image = java.nio.file.Files.readAllBytes(iso);
        assertThat(walkAndReadEverything(image)).isEqualTo(1);
        int magic = indexOf(image, new byte[] {0x37, (byte) 0xE4, 0x53, (byte) 0x96, (byte) 0xC9, (byte) 0xDB});

        byte[] badPointer = image.clone();
        putBoth32(badPointer, magic + 16 + 4, 0x7FFF_0000L); // the first block's end pointer
        assertThat(malformed(badPointer).offset()).isEqualTo(magic + 16);

        byte[] badDeflate = image.clone();
        int firstBlock = java.nio.ByteBuffer.wrap(image)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getInt(magic + 16);
        Arrays.fill(badDeflate, magic + firstBlock, magic + firstBlock + 64, (byte) 0x55);
        assertThat(malformed(badDeflate).offset()).isEqualTo(magic + firstBlock);
    }

    @Test
    void interleavedFileIsListedButNotRead() {
        // Linux lists interleaved files but cannot read them; neither can webboot, and it says so.
        byte[] image = valid.clone();
        int file = recordOffset(image, "FILE.TXT");
        image[file + 26] = 1;
        image[file + 27] = 1;
        MalformedImageException e = malformed(image);
        assertThat(e.offset()).isEqualTo(file + 26);
        assertThat(e.problem()).contains("interleaved");
    }

    @Test
    void directoryRecordLengthPastItsBlock() {
        byte[] image = valid.clone();
        int file = recordOffset(image, "FILE.TXT");
        image[file] = (byte) 0xFF;
        int block = rootBlock(image) * 2048;
        MalformedImageException e = malformed(image);
        assertThat(e.offset()).isBetween((long) block, (long) block + 2048);
    }

    @Test
    void hugeContinuationAreaLength() {
        byte[] image = valid.clone();
        int ce = indexOf(image, new byte[] {'C', 'E', 28, 1});
        putBoth32(image, ce + 4 + 16, 0x7FFF_FFFFL);
        assertThat(malformed(image).offset()).isEqualTo(ce);
    }

    @Test
    void continuationAreaPointingAtItself() {
        byte[] image = valid.clone();
        int ce = indexOf(image, new byte[] {'C', 'E', 28, 1});
        long block = java.nio.ByteBuffer.wrap(image)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getInt(ce + 4);
        long offset = java.nio.ByteBuffer.wrap(image)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getInt(ce + 12);
        // Write a CE at the start of the continuation area that points back at that very area.
        int area = (int) (block * 2048 + offset);
        byte[] loop = new byte[28];
        loop[0] = 'C';
        loop[1] = 'E';
        loop[2] = 28;
        loop[3] = 1;
        putBoth32(loop, 4, block);
        putBoth32(loop, 12, offset);
        putBoth32(loop, 20, 28);
        System.arraycopy(loop, 0, image, area, 28);
        putBoth32(image, ce + 4 + 16, 28);
        assertThat(malformed(image).problem()).contains("continuation areas");
    }

    @Test
    void suspEntryLengthPastItsArea() {
        byte[] image = valid.clone();
        int file = recordOffset(image, "FILE.TXT");
        int px = indexOf(Arrays.copyOfRange(image, file, file + 120), new byte[] {'P', 'X'}) + file;
        image[px + 2] = (byte) 250;
        assertThat(malformed(image).offset()).isEqualTo(px);
    }

    @Test
    void zeroBlockSize() {
        byte[] image = valid.clone();
        image[32768 + 128] = 0;
        image[32768 + 129] = 0;
        assertThat(malformed(image).offset()).isEqualTo(32768 + 128);
    }
}
