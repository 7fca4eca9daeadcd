package dev.webboot.boot.initramfs;

import dev.webboot.iso.initramfs.Compression;
import dev.webboot.iso.initramfs.CpioArchiveWriter;
import dev.webboot.iso.initramfs.EntryAttributes;
import dev.webboot.iso.initramfs.MemberType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes a staged directory tree as one cpio newc archive, compressed the way the kernel unpacks it: every entry owned
 * by root, with its permissions and modification time (the CDS archive checks the jars' times), parents before
 * children, in sorted order so that two builds of the same tree give the same bytes.
 */
final class TreeArchiver {
    private TreeArchiver() {}

    /** The sizes of what was written. */
    record Written(long compressedBytes, long archiveBytes, long files) {}

    static Written write(Path tree, Path output, Compression compression) throws IOException {
        CountingOutputStream counted =
                new CountingOutputStream(new BufferedOutputStream(Files.newOutputStream(output), 1 << 16));
        OutputStream compressor = compressor(counted, compression);
        Archived archived;
        try (compressor) {
            archived = archive(tree, compressor, false);
        }
        return new Written(counted.count, archived.archiveBytes(), archived.files());
    }

    /** What {@link #archive} wrote: the uncompressed archive's length and the regular files in it. */
    record Archived(long archiveBytes, long files) {}

    /**
     * Writes {@code tree} as a cpio newc archive to {@code out} (which stays open). With {@code oneFileSystem}, a
     * directory on another file system than {@code tree} (a mount point such as /proc in a running root) is written
     * empty, and what is neither a file, a directory nor a symlink is left out; otherwise such an entry fails.
     */
    static Archived archive(Path tree, OutputStream out, boolean oneFileSystem) throws IOException {
        long files = 0;
        Object rootDevice = Files.getAttribute(tree, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        CpioArchiveWriter cpio = new CpioArchiveWriter(new UnclosedOutputStream(out));
        List<Path> paths = new ArrayList<>();
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                paths.add(dir);
                if (oneFileSystem
                        && !rootDevice.equals(Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                paths.add(file);
                return FileVisitResult.CONTINUE;
            }
        });
        paths.sort(null);
        for (Path path : paths) {
            String name = "/" + tree.relativize(path).toString();
            PosixFileAttributes attributes =
                    Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            EntryAttributes entry = new EntryAttributes(
                    permissions(attributes.permissions()),
                    0,
                    0,
                    Math.max(0, attributes.lastModifiedTime().toMillis() / 1000));
            if (attributes.isSymbolicLink()) {
                cpio.symlink(name, Files.readSymbolicLink(path).toString(), entry);
            } else if (attributes.isDirectory()) {
                cpio.directory(name, entry);
                if (name.equals("/dev")) {
                    // The console the kernel opens for /init before devtmpfs is mounted over /dev.
                    cpio.special("/dev/console", MemberType.CHARACTER_DEVICE, 5, 1, EntryAttributes.of(0600));
                    cpio.special("/dev/null", MemberType.CHARACTER_DEVICE, 1, 3, EntryAttributes.of(0666));
                }
            } else if (attributes.isRegularFile()) {
                cpio.file(name, path, entry);
                files++;
            } else if (!oneFileSystem) {
                throw new IOException(path + ": neither a file, a directory nor a symlink");
            }
        }
        cpio.finish();
        long archiveBytes = cpio.bytesWritten();
        cpio.close();
        return new Archived(archiveBytes, files);
    }

    /** Lets the cpio writer close its stream without closing the caller's. */
    private static final class UnclosedOutputStream extends java.io.FilterOutputStream {
        UnclosedOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    private static OutputStream compressor(OutputStream out, Compression compression) throws IOException {
        return compression.compress(out);
    }

    private static int permissions(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
