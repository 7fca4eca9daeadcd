package dev.webboot.iso;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens images named the way webboot's command line names them: a file or block device ({@code /dev/pmem0}), or a
 * file inside another image as {@code OUTER!/path/in/outer}, nested as deep as needed ({@code
 * live.iso!/casper/filesystem.squashfs!/boot/config}). Inner images are read in place: nothing is copied.
 */
public final class Images {
    private static final String SEPARATOR = "!/";

    private Images() {}

    /**
     * The bytes an image name designates. A name that is an existing file is that file, even if it contains
     * {@code !/}; otherwise each {@code !/} steps into the image on its left. Closing the result closes every image
     * opened on the way.
     */
    public static ImageSource open(String name) throws IOException {
        Path whole = Path.of(name);
        int bang = name.indexOf(SEPARATOR);
        if (bang < 0 || Files.exists(whole)) {
            return ImageSources.open(whole);
        }
        Path outerPath = Path.of(name.substring(0, bang));
        if (!Files.exists(outerPath)) {
            throw new NoSuchFileException(outerPath.toString());
        }
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            ImageSource current = ImageSources.open(outerPath);
            opened.add(current);
            String rest = name.substring(bang + 1);
            String prefix = outerPath.toString();
            while (true) {
                int next = rest.indexOf(SEPARATOR, 1);
                String inner = next < 0 ? rest : rest.substring(0, next);
                ImageFileSystem fs = ImageFormats.open(current);
                opened.add(0, fs);
                prefix = prefix + "!" + inner;
                current = ImageSources.of(Files.newByteChannel(fs.getPath(inner)), prefix);
                opened.add(0, current);
                if (next < 0) {
                    return new NestedSource(current, opened);
                }
                rest = rest.substring(next + 1);
            }
        } catch (IOException | RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    /** The file system of the image a name designates, its format recognized by magic number. */
    public static ImageFileSystem openFileSystem(String name) throws IOException {
        return ImageFormats.open(open(name));
    }

    private static void closeAll(List<AutoCloseable> opened, Throwable failure) {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception suppressed) {
                failure.addSuppressed(suppressed);
            }
        }
    }

    /** An inner image that closes the images around it when it is closed. */
    private static final class NestedSource implements ImageSource {
        private final ImageSource inner;
        private final List<AutoCloseable> outers;

        NestedSource(ImageSource inner, List<AutoCloseable> outers) {
            this.inner = inner;
            this.outers = outers;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public long size() throws IOException {
            return inner.size();
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return inner.read(dst, position);
        }

        @Override
        public void close() throws IOException {
            IOException failure = null;
            for (AutoCloseable c : outers) {
                try {
                    c.close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = e instanceof IOException io ? io : new IOException(e);
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
