package dev.webboot.fetch;

import dev.webboot.fetch.internal.BlockDeviceSink;
import dev.webboot.fetch.internal.ChannelSink;
import dev.webboot.fetch.internal.PartFileSink;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sinks webboot writes images to. */
public final class DownloadSinks {
    private DownloadSinks() {}

    /**
     * A regular file: bytes go to {@code DEST.part} (resumed if it exists, with its validator in
     * {@code DEST.part.validator}), renamed to {@code DEST} on commit and deleted on discard.
     */
    public static DownloadSink file(Path destination) throws IOException {
        return PartFileSink.open(destination);
    }

    /**
     * A block device (e.g. {@code /dev/pmem0}) written in place from offset 0. It cannot tell what an earlier process
     * wrote, so a new run starts from zero. On discard the first 64 KiB are zeroed, which wipes the ISO 9660 system
     * area and volume descriptors, so the device no longer looks like an image.
     */
    public static DownloadSink blockDevice(Path device) throws IOException {
        return BlockDeviceSink.open(device);
    }

    /** A file if {@code destination} is not a block/character device, else a block device sink. */
    public static DownloadSink forDestination(Path destination) throws IOException {
        if (Files.exists(destination) && !Files.isRegularFile(destination) && !Files.isDirectory(destination)) {
            return blockDevice(destination);
        }
        return file(destination);
    }

    /**
     * Any channel (a pipe, a socket). It can resume within one download (the hash state is kept) but cannot go back
     * to offset 0, so a server that restarts the resource fails the download. Commit and discard do nothing: the
     * reader of the channel must wait for the verdict.
     */
    public static DownloadSink channel(WritableByteChannel channel, String name) {
        return new ChannelSink(channel, name);
    }
}
