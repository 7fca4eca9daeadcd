package dev.webboot.iso.internal.iso9660;

import dev.webboot.iso.Fields;
import dev.webboot.iso.ImageSource;
import dev.webboot.iso.MalformedImageException;
import dev.webboot.iso.iso9660.ElToritoEntry;
import dev.webboot.iso.iso9660.IsoVolume;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Reads the volume descriptor set (primary, Joliet supplementary, El Torito boot record, terminator), the system
 * area's partition table and the root's Rock Ridge signature, and decides which directory tree to present.
 */
public final class VolumeReader {
    /** Descriptors start at sector 16 of 2048 bytes, whatever the logical block size. */
    static final long DESCRIPTORS_OFFSET = 16 * 2048L;

    static final int DESCRIPTOR_SIZE = 2048;
    /** Linux reads at most 100 descriptors; real images have three to five. */
    static final int MAX_DESCRIPTORS = 64;

    private VolumeReader() {}

    /**
     * What the tree reader needs to know about a volume.
     *
     * @param volume the public facts
     * @param image the image with its logical block size
     * @param rootRecord the root directory record of the tree to present (primary, or Joliet without Rock Ridge)
     * @param rockRidge whether to decode Rock Ridge in that tree
     * @param suspSkip the SP entry's count of bytes to skip at the start of each system use area
     * @param joliet whether the tree's names are Joliet UCS-2
     */
    public record Layout(
            IsoVolume volume, IsoImage image, Fields rootRecord, boolean rockRidge, int suspSkip, boolean joliet) {}

    public static Layout read(ImageSource source) throws IOException {
        long size = source.size();
        String name = source.name();
        Fields primary = null;
        Fields jolietDescriptor = null;
        long catalogBlock = -1;
        long catalogPointerAt = 0;
        for (int i = 0; i < MAX_DESCRIPTORS; i++) {
            long at = DESCRIPTORS_OFFSET + (long) i * DESCRIPTOR_SIZE;
            if (at + DESCRIPTOR_SIZE > size) {
                throw new MalformedImageException(
                        name, at, "image ends inside its volume descriptor set (" + size + " bytes)");
            }
            byte[] bytes = new byte[DESCRIPTOR_SIZE];
            source.readFully(ByteBuffer.wrap(bytes), at);
            Fields d = new Fields(name, at, bytes);
            if (!d.string(1, 5, StandardCharsets.ISO_8859_1).equals("CD001")) {
                if (i == 0) {
                    throw d.malformed(1, "not an ISO 9660 image: no CD001 volume descriptor");
                }
                break; // Linux stops at the first descriptor that is not one
            }
            int type = d.u8(0);
            if (type == 255) {
                break;
            }
            if (type == 1 && primary == null) {
                primary = d;
            } else if (type == 2 && jolietDescriptor == null && isJoliet(d)) {
                jolietDescriptor = d;
            } else if (type == 0
                    && catalogBlock < 0
                    && d.string(7, 23, StandardCharsets.ISO_8859_1).equals("EL TORITO SPECIFICATION")) {
                catalogBlock = d.u32le(71);
                catalogPointerAt = d.offsetOf(71);
            }
        }
        if (primary == null) {
            throw new MalformedImageException(name, DESCRIPTORS_OFFSET, "no primary volume descriptor");
        }
        int blockSize = primary.u16le(128);
        if (blockSize != 512 && blockSize != 1024 && blockSize != 2048) {
            throw primary.malformed(128, "logical block size " + blockSize + " is not 512, 1024 or 2048");
        }
        long volumeSize = primary.u32le(80) * blockSize;
        IsoImage image = new IsoImage(source, size, blockSize, volumeSize);
        Fields primaryRoot = rootRecord(primary);

        RootSignature signature = rootSignature(image, primaryRoot);
        boolean rockRidge = signature.rockRidge();
        Fields treeRoot = primaryRoot;
        boolean useJoliet = false;
        if (!rockRidge && jolietDescriptor != null) {
            treeRoot = rootRecord(jolietDescriptor);
            useJoliet = true;
        }
        // Listing files does not depend on the boot catalog: a broken one is reported, not fatal (as xorriso does).
        List<ElToritoEntry> boot = List.of();
        Optional<String> catalogProblem = Optional.empty();
        if (catalogBlock >= 0) {
            try {
                boot = BootCatalogReader.read(image, catalogBlock, catalogPointerAt);
            } catch (MalformedImageException e) {
                catalogProblem = Optional.of(e.getMessage());
            }
        }

        String volumeId = rtrim(primary.string(40, 32, StandardCharsets.ISO_8859_1));
        IsoVolume volume = new IsoVolume(
                volumeId,
                label(primary, Optional.ofNullable(jolietDescriptor)),
                uuid(primary),
                volumeSize,
                blockSize,
                rockRidge,
                jolietDescriptor != null,
                boot,
                hybrid(source, size),
                size,
                catalogProblem);
        return new Layout(volume, image, treeRoot, rockRidge, signature.skip(), useJoliet);
    }

    /** The one wording of a cut-short image, for {@link IsoVolume#truncation()} and the readers' failures. */
    public static String truncation(long imageSize, long volumeSize) {
        return "truncated: the image has " + imageSize + " bytes, its volume declares " + volumeSize;
    }

    private static boolean isJoliet(Fields d) throws MalformedImageException {
        String escape = d.string(88, 3, StandardCharsets.ISO_8859_1);
        return escape.equals("%/@") || escape.equals("%/C") || escape.equals("%/E");
    }

    /** The 34-byte root directory record at offset 156 of a volume descriptor. */
    private static Fields rootRecord(Fields descriptor) throws MalformedImageException {
        Fields root = descriptor.slice(156, 34, "root directory record");
        if (root.u8(0) < 34) {
            throw root.malformed(0, "root directory record length " + root.u8(0) + " is less than 34");
        }
        return root;
    }

    private record RootSignature(boolean rockRidge, int skip) {}

    /**
     * Rock Ridge is in use when the root's "." record starts its system use area with an SP entry (BE EF) and
     * carries an ER entry or any RRIP entry, as Linux decides.
     */
    private static RootSignature rootSignature(IsoImage image, Fields root) throws IOException {
        long location = image.offsetOf(root.u32le(2) + root.u8(1));
        long length = root.u32le(10);
        image.checkRange(location, Math.min(length, image.blockSize()), root.offsetOf(2), "root directory");
        int first = (int) Math.min(image.blockSize(), Math.min(length, image.size() - location));
        if (first < 34) {
            return new RootSignature(false, 0);
        }
        Fields block = new Fields(image.name(), location, image.read(location, first, root.offsetOf(2), "root"));
        int recordLength = block.u8(0);
        if (recordLength < 34 || recordLength > first) {
            throw block.malformed(0, "root \".\" record length " + recordLength + " is invalid");
        }
        Fields dot = block.slice(0, recordLength, "root \".\" record");
        int nameLength = dot.u8(32);
        int start = 33 + nameLength + ((nameLength & 1) == 0 ? 1 : 0);
        if (dot.length() - start < 7
                || dot.u8(start) != 'S'
                || dot.u8(start + 1) != 'P'
                || dot.u8(start + 4) != 0xBE
                || dot.u8(start + 5) != 0xEF) {
            return new RootSignature(false, 0);
        }
        int skip = dot.u8(start + 6);
        List<SuspEntry> entries = SystemUseArea.entries(image, dot, start);
        boolean rrip = false;
        for (SuspEntry entry : entries) {
            if (entry.signature().equals("ER")) {
                rrip = true;
            }
        }
        rrip |= RockRidge.decode(entries).any;
        return new RootSignature(rrip, skip);
    }

    /**
     * The label as blkid prints it: the Joliet volume id, unless it equals the primary one's first 16 characters
     * (Joliet has room for only 16), in which case the primary one.
     */
    private static String label(Fields primary, Optional<Fields> joliet) throws MalformedImageException {
        String primaryLabel = rtrim(primary.string(40, 32, StandardCharsets.ISO_8859_1));
        if (joliet.isEmpty()) {
            return primaryLabel;
        }
        Fields j = joliet.get();
        boolean same = true;
        for (int i = 0; i < 16; i++) {
            if (j.u8(40 + 2 * i) != 0 || j.u8(40 + 2 * i + 1) != primary.u8(40 + i)) {
                same = false;
                break;
            }
        }
        if (same) {
            return primaryLabel;
        }
        String jolietLabel = j.string(40, 32, StandardCharsets.UTF_16BE);
        int nul = jolietLabel.indexOf('\0');
        return rtrim(nul >= 0 ? jolietLabel.substring(0, nul) : jolietLabel);
    }

    /** blkid's pseudo-UUID: the modification date's 16 digits as YYYY-MM-DD-hh-mm-ss-cc, else the creation date's. */
    private static String uuid(Fields primary) throws MalformedImageException {
        for (int at : new int[] {830, 813}) {
            String digits = primary.string(at, 16, StandardCharsets.ISO_8859_1);
            boolean unset = digits.chars().allMatch(c -> c == '0') && primary.u8(at + 16) == 0;
            if (!unset) {
                return digits.substring(0, 4) + "-" + digits.substring(4, 6) + "-" + digits.substring(6, 8) + "-"
                        + digits.substring(8, 10) + "-" + digits.substring(10, 12) + "-" + digits.substring(12, 14)
                        + "-" + digits.substring(14, 16);
            }
        }
        return "";
    }

    /** "gpt" when the system area holds a GPT header at 512, "mbr" for an MBR boot signature, else "none". */
    private static String hybrid(ImageSource source, long size) throws IOException {
        if (size < 1024) {
            return "none";
        }
        byte[] head = new byte[1024];
        source.readFully(ByteBuffer.wrap(head), 0);
        if (new String(head, 512, 8, StandardCharsets.ISO_8859_1).equals("EFI PART")) {
            return "gpt";
        }
        if ((head[510] & 0xff) == 0x55 && (head[511] & 0xff) == 0xAA) {
            return "mbr";
        }
        return "none";
    }

    private static String rtrim(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        return s.substring(0, end);
    }
}
