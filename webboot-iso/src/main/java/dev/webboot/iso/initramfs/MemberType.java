package dev.webboot.iso.initramfs;

import java.util.Optional;

/** What a cpio member is, from the file-type bits of its mode. */
public enum MemberType {
    FILE(0100000),
    DIRECTORY(0040000),
    SYMLINK(0120000),
    CHARACTER_DEVICE(0020000),
    BLOCK_DEVICE(0060000),
    FIFO(0010000),
    SOCKET(0140000);

    private final int modeBits;

    MemberType(int modeBits) {
        this.modeBits = modeBits;
    }

    /** The {@code S_IFMT} bits of this type. */
    public int modeBits() {
        return modeBits;
    }

    /** The type named by the {@code S_IFMT} bits of {@code mode}, or empty when they name none. */
    public static Optional<MemberType> fromMode(long mode) {
        for (MemberType type : values()) {
            if ((mode & 0170000) == type.modeBits) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The word {@code webboot initrd ls} prints: {@code file}, {@code dir}, {@code symlink} or {@code other}. */
    public String cliName() {
        return switch (this) {
            case FILE -> "file";
            case DIRECTORY -> "dir";
            case SYMLINK -> "symlink";
            default -> "other";
        };
    }
}
