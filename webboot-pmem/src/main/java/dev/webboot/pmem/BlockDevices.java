package dev.webboot.pmem;

import dev.webboot.pmem.internal.ChannelBlockDevice;
import dev.webboot.pmem.internal.LinuxBlockSize;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens {@link BlockDevice}s: real block devices, and plain files that stand in for them. */
public final class BlockDevices {
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;

    private BlockDevices() {}

    /**
     * Opens a block device, or an existing regular file, for reading and writing. A block device's size comes from
     * the kernel ({@code BLKGETSIZE64}, else {@code /sys/class/block/NAME/size}); a file's size is its length.
     */
    public static BlockDevice open(Path path) throws IOException {
        if (isBlockDevice(path)) {
            long size = LinuxBlockSize.of(path);
            return new ChannelBlockDevice(
                    path.toString(), FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE), size);
        }
        if (!Files.isRegularFile(path)) {
            throw new PmemException(path + ": neither a block device nor a regular file");
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new ChannelBlockDevice(path.toString(), channel, channel.size());
    }

    /**
     * A plain file of exactly {@code size} bytes standing in for a device: created when missing, extended or cut to
     * {@code size} otherwise.
     */
    public static BlockDevice file(Path path, long size) throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        FileChannel channel =
                FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            if (channel.size() > size) {
                channel.truncate(size);
            } else if (channel.size() < size && size > 0) {
                channel.write(java.nio.ByteBuffer.allocate(1), size - 1);
            }
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new ChannelBlockDevice(path.toString(), channel, size);
    }

    /** True when {@code path} is a block-special file. */
    public static boolean isBlockDevice(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new java.nio.file.NoSuchFileException(path.toString());
        }
        Object mode = Files.getAttribute(path, "unix:mode");
        return mode instanceof Integer m && (m & S_IFMT) == S_IFBLK;
    }
}
