package dev.webboot.iso.initramfs;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.ImageSources;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/** In-memory initrds for the malformed-input tests, and a full read of one. */
final class MemoryImages {
    private MemoryImages() {}

    static ImageSource of(byte[] bytes, String name) {
        return ImageSources.of(new SeekableInMemoryByteChannel(bytes), name);
    }

    /** Opens and reads every path's data: what a user of the API would do. */
    static int readEverything(byte[] bytes, String name, Initramfs.Limits limits) throws IOException {
        try (ImageSource source = of(bytes, name);
                Initramfs initramfs = Initramfs.open(source, limits)) {
            int count = 0;
            for (InitramfsMember member : initramfs.members()) {
                try (InputStream in = initramfs.newInputStream(member)) {
                    in.transferTo(OutputStreamSink.INSTANCE);
                }
                count++;
            }
            for (String path : initramfs.paths()) {
                if (initramfs.contentOf(path).isPresent()) {
                    initramfs.read(path);
                }
            }
            return count;
        }
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}
