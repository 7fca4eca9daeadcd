package dev.webboot.iso.internal.fs;

import dev.webboot.iso.ImageSource;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.Optional;

/**
 * What a format reader gives {@link ImageFileSystem}: a tree of {@link ImageNode}s it can list and read. Readers
 * check every length and offset against the image and throw {@link dev.webboot.iso.MalformedImageException}.
 */
public interface ImageTree extends Closeable {

    /** The image the tree was read from; its name is used in messages. */
    ImageSource source();

    ImageNode root();

    /**
     * The entries of a directory in on-disk order, without {@code .} and {@code ..}. Formats that can present one
     * name twice in a row (ISO 9660 without Rock Ridge: versions of one name) keep the first.
     */
    List<ImageNode> children(ImageNode directory) throws IOException;

    /**
     * The entries of a directory one at a time, as {@link #children} gives them. Formats whose directories can be
     * large read them lazily here; the default reads the whole list.
     */
    default EntryCursor entries(ImageNode directory) throws IOException {
        return EntryCursor.of(children(directory));
    }

    /** One entry of a directory by name. Formats with a directory index override this linear scan. */
    default Optional<ImageNode> child(ImageNode directory, String name) throws IOException {
        for (ImageNode node : children(directory)) {
            if (node.name().equals(name)) {
                return Optional.of(node);
            }
        }
        return Optional.empty();
    }

    /** A read-only channel over a regular file's content, reading the image in place and lazily. */
    SeekableByteChannel open(ImageNode file) throws IOException;

    /** Closes the underlying source when the tree owns it. */
    @Override
    void close() throws IOException;
}
