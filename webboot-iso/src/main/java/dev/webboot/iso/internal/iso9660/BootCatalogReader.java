package dev.webboot.iso.internal.iso9660;

import dev.webboot.iso.Fields;
import dev.webboot.iso.MalformedImageException;
import dev.webboot.iso.iso9660.ElToritoEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads an El Torito boot catalog: the validation entry, the default entry and every section's entries. */
final class BootCatalogReader {
    /** A catalog longer than this many 32-byte records is not one a firmware would read. */
    static final int MAX_RECORDS = 1024;

    private static final int RECORD = 32;

    private BootCatalogReader() {}

    static List<ElToritoEntry> read(IsoImage image, long catalogBlock, long pointerAt) throws IOException {
        long catalogOffset = image.offsetOf(catalogBlock);
        image.checkRange(catalogOffset, RECORD * 2, pointerAt, "El Torito boot catalog");
        int available = (int) Math.min((long) MAX_RECORDS * RECORD, image.size() - catalogOffset);
        available -= available % RECORD;
        // Read the catalog one block at a time, so a short catalog at the image's end costs one block.
        Catalog catalog = new Catalog(image, catalogOffset, available);

        Fields validation = catalog.record(0);
        if (validation.u8(0) != 1 || validation.u8(30) != 0x55 || validation.u8(31) != 0xAA) {
            throw validation.malformed(0, "El Torito validation entry has no header id 1 and key 55 AA");
        }
        int sum = 0;
        for (int i = 0; i < RECORD; i += 2) {
            sum += validation.u16le(i);
        }
        if ((sum & 0xffff) != 0) {
            throw validation.malformed(28, "El Torito validation entry checksum does not add up to 0");
        }
        List<ElToritoEntry> entries = new ArrayList<>();
        entries.add(entry(image, catalog.record(1), validation.u8(1)));

        int index = 2;
        boolean last = false;
        while (!last && index < catalog.records()) {
            Fields header = catalog.record(index++);
            int indicator = header.u8(0);
            if (indicator != 0x90 && indicator != 0x91) {
                break; // the catalog ends at the first record that is not a section header
            }
            last = indicator == 0x91;
            int platformId = header.u8(1);
            int count = header.u16le(2);
            for (int i = 0; i < count; i++) {
                if (index >= catalog.records()) {
                    throw header.malformed(2, "El Torito section of " + count + " entries runs past the catalog");
                }
                Fields record = catalog.record(index++);
                entries.add(entry(image, record, platformId));
                // Extension records (0x44) continue the entry's selection criteria; they hold no image.
                while (index < catalog.records() && catalog.record(index).u8(0) == 0x44) {
                    index++;
                }
            }
        }
        return entries;
    }

    private static ElToritoEntry entry(IsoImage image, Fields record, int platformId) throws IOException {
        int indicator = record.u8(0);
        if (indicator != 0x88 && indicator != 0x00) {
            throw record.malformed(0, "El Torito entry has boot indicator " + indicator + ", not 0x88 or 0");
        }
        ElToritoEntry.Emulation emulation =
                switch (record.u8(1) & 0x0f) {
                    case 0 -> ElToritoEntry.Emulation.NONE;
                    case 1 -> ElToritoEntry.Emulation.FLOPPY_1_2M;
                    case 2 -> ElToritoEntry.Emulation.FLOPPY_1_44M;
                    case 3 -> ElToritoEntry.Emulation.FLOPPY_2_88M;
                    case 4 -> ElToritoEntry.Emulation.HARD_DISK;
                    default -> throw record.malformed(1, "El Torito entry has unknown media type " + record.u8(1));
                };
        int loadSegment = record.u16le(2);
        int sectorCount = record.u16le(6);
        long offset = image.offsetOf(record.u32le(8));
        image.checkRange(offset, 0, record.offsetOf(8), "El Torito boot image");
        long available = image.size() - offset;
        long length = emulation.floppyBytes() > 0 ? emulation.floppyBytes() : sectorCount * 512L;
        ElToritoEntry.Platform platform = ElToritoEntry.Platform.of(platformId);
        if (platform == ElToritoEntry.Platform.UEFI && emulation == ElToritoEntry.Emulation.NONE) {
            // Firmware reads the whole FAT image, whatever the 16-bit sector count (often 0 or 1) says.
            long fatBytes = fatImageBytes(image, offset);
            if (fatBytes > length) {
                length = fatBytes;
            }
        }
        length = Math.min(length, available);
        return new ElToritoEntry(
                platform, platformId, indicator == 0x88, emulation, loadSegment, sectorCount, offset, length);
    }

    /** The size a FAT boot sector at {@code offset} declares, or 0 when there is no plausible one. */
    private static long fatImageBytes(IsoImage image, long offset) throws IOException {
        if (image.size() - offset < 512) {
            return 0;
        }
        Fields boot = new Fields(image.name(), offset, image.read(offset, 512, offset, "FAT boot sector"));
        if (boot.u8(510) != 0x55 || boot.u8(511) != 0xAA) {
            return 0;
        }
        int bytesPerSector = boot.u16le(11);
        if (bytesPerSector < 512 || bytesPerSector > 4096 || Integer.bitCount(bytesPerSector) != 1) {
            return 0;
        }
        long sectors = boot.u16le(19);
        if (sectors == 0) {
            sectors = boot.u32le(32);
        }
        return sectors * bytesPerSector;
    }

    /** The catalog's 32-byte records, read a block at a time as they are asked for. */
    private static final class Catalog {
        private final IsoImage image;
        private final long offset;
        private final int length;
        private final java.util.Map<Integer, Fields> blocks = new java.util.HashMap<>();

        Catalog(IsoImage image, long offset, int length) {
            this.image = image;
            this.offset = offset;
            this.length = length;
        }

        int records() {
            return length / RECORD;
        }

        Fields record(int index) throws IOException {
            if (index >= records()) {
                throw new MalformedImageException(
                        image.name(), offset + (long) index * RECORD, "El Torito catalog runs past the image");
            }
            int blockSize = image.blockSize();
            int block = index * RECORD / blockSize;
            Fields fields = blocks.get(block);
            if (fields == null) {
                long at = offset + (long) block * blockSize;
                int size = (int) Math.min(blockSize, length - (long) block * blockSize);
                fields = new Fields(image.name(), at, image.read(at, size, at, "El Torito catalog block"));
                blocks.put(block, fields);
            }
            return fields.slice(index * RECORD % blockSize, RECORD, "El Torito catalog entry");
        }
    }
}
