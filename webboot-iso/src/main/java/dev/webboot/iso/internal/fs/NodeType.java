package dev.webboot.iso.internal.fs;

/** What an image entry is, as {@code stat(2)} would say. */
public enum NodeType {
    FILE,
    DIRECTORY,
    SYMLINK,
    CHARACTER_DEVICE,
    BLOCK_DEVICE,
    FIFO,
    SOCKET;

    /** The file-type bits of a POSIX {@code st_mode} ({@code S_IFREG}, {@code S_IFDIR}, ...). */
    public int modeBits() {
        return switch (this) {
            case FILE -> 0100000;
            case DIRECTORY -> 0040000;
            case SYMLINK -> 0120000;
            case CHARACTER_DEVICE -> 0020000;
            case BLOCK_DEVICE -> 0060000;
            case FIFO -> 0010000;
            case SOCKET -> 0140000;
        };
    }

    /** The type named by the file-type bits of a POSIX mode, or empty when they name none. */
    public static java.util.Optional<NodeType> fromMode(int mode) {
        for (NodeType type : values()) {
            if ((mode & 0170000) == type.modeBits()) {
                return java.util.Optional.of(type);
            }
        }
        return java.util.Optional.empty();
    }
}
