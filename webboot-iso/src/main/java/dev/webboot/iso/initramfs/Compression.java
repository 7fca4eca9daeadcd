package dev.webboot.iso.initramfs;

import java.util.Locale;
import java.util.Optional;

/** How one segment of an initrd is stored; the names are those of the command-line contract. */
public enum Compression {
    NONE,
    GZIP,
    BZIP2,
    LZMA,
    XZ,
    LZO,
    LZ4,
    ZSTD;

    /** The lower-case name used on the command line and in JSON ({@code none}, {@code gzip}, ...). */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The compression with that command-line name, or empty. */
    public static Optional<Compression> fromCliName(String name) {
        for (Compression compression : values()) {
            if (compression.cliName().equals(name)) {
                return Optional.of(compression);
            }
        }
        return Optional.empty();
    }

    /** True for the compressions {@link InitramfsWriter} can write. */
    public boolean writable() {
        return this == NONE || this == GZIP || this == XZ || this == ZSTD;
    }
}
