package dev.webboot.iso;

import dev.webboot.iso.internal.io.ByteArrayImageSource;
import dev.webboot.iso.internal.io.ChannelImageSource;
import dev.webboot.iso.internal.io.FileImageSource;
import dev.webboot.iso.internal.io.ImageSourceChannel;
import dev.webboot.iso.internal.io.SliceImageSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Factories for {@link ImageSource}s and the channels over them. */
public final class ImageSources {
    private ImageSources() {}

    /**
     * A file or block device, read-only; the size of a block device is its real size, not 0. A path of another file
     * system works too: a file inside an opened image ({@code iso.getPath("/live/filesystem.squashfs")}) is read in
     * place through that file system, and named {@code IMAGE!/path} in errors, as the command line names it.
     */
    public static ImageSource open(Path path) throws IOException {
        // A directory opens as a channel on Linux and reads as empty: say what it is instead.
        if (Files.isDirectory(path)) {
            throw new FileSystemException(path.toString(), null, "is a directory, not an image");
        }
        if (path.getFileSystem() == FileSystems.getDefault()) {
            return new FileImageSource(path.toString(), FileChannel.open(path, StandardOpenOption.READ));
        }
        String name = path.getFileSystem() instanceof ImageFileSystem image
                ? image.source().name() + "!" + path.toAbsolutePath()
                : path.toUri().toString();
        return of(Files.newByteChannel(path, StandardOpenOption.READ), name);
    }

    /** Bytes in memory, not copied: the caller must not change them while the source is in use. */
    public static ImageSource of(byte[] bytes, String name) {
        return new ByteArrayImageSource(name, bytes);
    }

    /**
     * Any channel. A channel made by {@link #channel(ImageSource)} is unwrapped to its source; any other one is used
     * under a lock, because its position is shared state.
     */
    public static ImageSource of(SeekableByteChannel channel, String name) {
        if (channel instanceof ImageSourceChannel view) {
            return view.source();
        }
        if (channel instanceof FileChannel file) {
            return new FileImageSource(name, file);
        }
        return new ChannelImageSource(name, channel);
    }

    /**
     * The bytes {@code [offset, offset + length)} of {@code source}, read in place.
     *
     * @throws MalformedImageException if the range does not lie inside {@code source}
     */
    public static ImageSource slice(ImageSource source, long offset, long length, String name) throws IOException {
        long size = source.size();
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw new MalformedImageException(
                    source.name(), offset, "range of " + length + " bytes does not fit in an image of " + size);
        }
        return new SliceImageSource(source, offset, length, name);
    }

    /**
     * A read-only channel over {@code source}; closing the channel does not close the source. Handing the channel
     * back to {@link #of(SeekableByteChannel, String)} gives the source again, so nested images read in place.
     */
    public static SeekableByteChannel channel(ImageSource source) {
        return new ImageSourceChannel(source);
    }
}
