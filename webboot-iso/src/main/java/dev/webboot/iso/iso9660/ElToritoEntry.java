package dev.webboot.iso.iso9660;

import java.util.Locale;

/**
 * One El Torito boot catalog entry: what firmware loads, and where its image lies in the ISO.
 *
 * @param platform the firmware the entry is for
 * @param platformId the catalog's raw platform id (0 BIOS, 0xEF UEFI, 1 PowerPC, 2 Mac)
 * @param bootable whether the entry is marked bootable (indicator 0x88)
 * @param emulation the media the firmware emulates with the image
 * @param loadSegment the real-mode segment the image is loaded at (0 means the default, 0x7C0)
 * @param sectorCount the catalog's count of 512-byte sectors to load
 * @param imageOffset the image's first byte in the ISO
 * @param imageLength the image's length in bytes: the emulated medium's size, the loaded sectors, or for a UEFI FAT
 *     image whose sector count does not cover it, the size its boot sector declares (bounded by the ISO)
 */
public record ElToritoEntry(
        Platform platform,
        int platformId,
        boolean bootable,
        Emulation emulation,
        int loadSegment,
        int sectorCount,
        long imageOffset,
        long imageLength) {

    /** The firmware an entry is meant for. */
    public enum Platform {
        BIOS,
        UEFI,
        OTHER;

        /** The lower-case name used in JSON output: {@code bios}, {@code uefi}, {@code other}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The platform named by a catalog platform id. */
        public static Platform of(int platformId) {
            return switch (platformId) {
                case 0 -> BIOS;
                case 0xEF -> UEFI;
                default -> OTHER;
            };
        }
    }

    /** The boot media type the firmware emulates. */
    public enum Emulation {
        NONE("none", 0),
        FLOPPY_1_2M("1.2m", 1_228_800),
        FLOPPY_1_44M("1.44m", 1_474_560),
        FLOPPY_2_88M("2.88m", 2_949_120),
        HARD_DISK("hdd", 0);

        private final String id;
        private final long floppyBytes;

        Emulation(String id, long floppyBytes) {
            this.id = id;
            this.floppyBytes = floppyBytes;
        }

        /** The name used in JSON output: {@code none}, {@code 1.2m}, {@code 1.44m}, {@code 2.88m}, {@code hdd}. */
        public String id() {
            return id;
        }

        /** The size of the emulated floppy, 0 for the other media. */
        public long floppyBytes() {
            return floppyBytes;
        }
    }

    public ElToritoEntry {
        if (platform == null || emulation == null) {
            throw new NullPointerException("platform and emulation are required");
        }
    }

    /** The entry's image as a byte range of the ISO. */
    public Extent image() {
        return new Extent(imageOffset, imageLength);
    }
}
