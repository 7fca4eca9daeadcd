package dev.webboot.iso.fuzz;

import dev.webboot.iso.ImageFileSystem;
import dev.webboot.iso.ImageSource;
import dev.webboot.iso.ImageSources;
import dev.webboot.iso.ext4.Ext4FileSystem;
import dev.webboot.iso.initramfs.Initramfs;
import dev.webboot.iso.initramfs.InitramfsMember;
import dev.webboot.iso.iso9660.Iso9660FileSystem;
import dev.webboot.iso.squashfs.SquashfsFileSystem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Stream;

/**
 * What the coverage-guided fuzzer (Jazzer, {@code scripts/fuzz}) and the replay test run on each input: open the bytes
 * as an image, walk it, read every attribute, link and file. An {@link IOException} (webboot's typed
 * {@code MalformedImageException} and the file-system exceptions of {@code java.nio.file}) is the expected way to
 * refuse an input; anything else escaping (a {@code RuntimeException}, an {@code Error} such as
 * {@code OutOfMemoryError} or {@code StackOverflowError}) is a finding. The walk visits at most {@link #MAX_NODES}
 * entries and reads at most {@link #MAX_READ} bytes of each file, so a run's own work is bounded; a reader that hangs
 * inside one call is caught by the fuzzer's time bound.
 */
public final class ImageTargets {
    static final int MAX_NODES = 4096;
    static final int MAX_READ = 1 << 16;

    private ImageTargets() {}

    /** The formats, by the name {@code scripts/fuzz} and the corpus folders use. */
    public enum Format {
        ISO9660,
        SQUASHFS,
        EXT4,
        INITRAMFS;

        public void run(byte[] data) {
            try {
                switch (this) {
                    case ISO9660 -> walk(Iso9660FileSystem.open(source(data)));
                    case SQUASHFS -> walk(SquashfsFileSystem.open(source(data)));
                    case EXT4 -> walk(Ext4FileSystem.open(source(data)));
                    case INITRAMFS -> initramfs(data);
                }
            } catch (IOException refused) {
                // The typed refusal: what a malformed image must produce.
            }
        }
    }

    private static ImageSource source(byte[] data) {
        return ImageSources.of(data, "fuzz.img");
    }

    private static void walk(ImageFileSystem fs) throws IOException {
        try (fs) {
            Deque<Path> pending = new ArrayDeque<>();
            pending.add(fs.getPath("/"));
            int visited = 0;
            while (!pending.isEmpty() && visited < MAX_NODES) {
                Path path = pending.poll();
                visited++;
                PosixFileAttributes attributes =
                        Files.readAttributes(path, PosixFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                if (attributes.isSymbolicLink()) {
                    Files.readSymbolicLink(path);
                } else if (attributes.isDirectory()) {
                    try (Stream<Path> children = Files.list(path)) {
                        children.limit(MAX_NODES).forEach(pending::add);
                    } catch (java.io.UncheckedIOException lazy) {
                        // A large directory is read as it is iterated; Files.list reports its refusal this way.
                        throw lazy.getCause();
                    }
                } else if (attributes.isRegularFile()) {
                    try (SeekableByteChannel channel = Files.newByteChannel(path)) {
                        ByteBuffer buffer = ByteBuffer.allocate(8192);
                        int total = 0;
                        while (total < MAX_READ && channel.read(buffer.clear()) > 0) {
                            total += buffer.position();
                        }
                    }
                }
            }
        }
    }

    private static void initramfs(byte[] data) throws IOException {
        try (Initramfs initrd = Initramfs.open(source(data), new Initramfs.Limits(64L << 20, 100_000))) {
            int visited = 0;
            for (InitramfsMember member : initrd.members()) {
                if (++visited > MAX_NODES) {
                    break;
                }
                if (member.type() == dev.webboot.iso.initramfs.MemberType.FILE) {
                    try (InputStream in = initrd.newInputStream(member)) {
                        in.readNBytes(MAX_READ);
                    }
                }
            }
        }
    }
}
