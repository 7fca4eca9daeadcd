package dev.webboot.iso.iso9660;

import static dev.webboot.iso.iso9660.MalformedImages.indexOf;
import static dev.webboot.iso.iso9660.MalformedImages.putBoth32;
import static dev.webboot.iso.iso9660.MalformedImages.recordOffset;
import static dev.webboot.iso.iso9660.MalformedImages.rootBlock;

import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the committed corpus {@code src/test/resources/fuzz/iso9660/}: images made by xorriso and genisoimage, each
 * broken in one way the reader must report (name prefix {@code malformed-}) or left valid ({@code ok-}). Run it from
 * the module directory with the test class path: {@code java -cp ... dev.webboot.iso.iso9660.Iso9660CorpusGenerator
 * src/test/resources/fuzz/iso9660}. Fuzz findings are added the same way, minimized by hand.
 */
public final class Iso9660CorpusGenerator {
    private Iso9660CorpusGenerator() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Path work = Files.createTempDirectory("iso9660-corpus");
        byte[] valid = MalformedImages.smallImage(work);
        write(out, "ok-small-rock-ridge-joliet", valid);

        byte[] image = valid.clone();
        Arrays.fill(image, 32768, 32768 + 2048, (byte) 0);
        write(out, "malformed-zeroed-primary-descriptor", image);

        write(out, "malformed-truncated-after-descriptors", Arrays.copyOf(valid, 40_000));

        image = valid.clone();
        putBoth32(image, recordOffset(image, "SUB") + 2, rootBlock(image));
        write(out, "malformed-directory-loop-to-root", image);

        image = valid.clone();
        putBoth32(image, recordOffset(image, "FILE.TXT") + 10, 0xFFFF_0000L);
        write(out, "malformed-file-length-past-end", image);

        image = valid.clone();
        int ce = indexOf(image, new byte[] {'C', 'E', 28, 1});
        putBoth32(image, ce + 4 + 16, 0x7FFF_FFFFL);
        write(out, "malformed-huge-continuation-length", image);

        image = valid.clone();
        int file = recordOffset(image, "FILE.TXT");
        image[file] = (byte) 0xFF;
        write(out, "malformed-record-length-past-block", image);

        // genisoimage -R relocates directories deeper than 8 levels; point the CL entry at the root: a cycle.
        Path deep = work.resolve("deep-src");
        Path leaf = deep;
        for (int i = 1; i <= 10; i++) {
            leaf = leaf.resolve("d" + i);
        }
        Files.createDirectories(leaf);
        Files.writeString(leaf.resolve("f"), "deep\n");
        Path relocated = work.resolve("relocated.iso");
        ExternalTools.run(
                work,
                ExternalTools.require("genisoimage", "genisoimage").toString(),
                "-quiet",
                "-R",
                "-o",
                relocated.toString(),
                deep.toString());
        image = Files.readAllBytes(relocated);
        write(out, "ok-genisoimage-relocated", image.clone());
        int cl = indexOf(image, new byte[] {'C', 'L', 12, 1});
        putBoth32(image, cl + 4, rootBlock(image));
        write(out, "malformed-relocation-cycle-to-root", image);
        int childLink = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).getInt(cl + 4);
        if (childLink != rootBlock(image)) {
            throw new AssertionError("CL patch did not take");
        }
    }

    private static void write(Path dir, String name, byte[] image) throws IOException {
        Files.createDirectories(dir);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(name + ".iso.gz")))) {
            out.write(image);
        }
    }
}
