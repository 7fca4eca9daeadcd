package dev.webboot.iso.initramfs;

import dev.webboot.iso.internal.initramfs.InitramfsPaths;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes one cpio newc ({@code 070701}) archive as the kernel reads it: 110-byte headers, names padded so header and
 * name end 4-byte aligned, data padded to 4, a unique inode number per entry, nlink 1 (so the kernel never takes two
 * entries for hard links), and a {@code TRAILER!!!} entry at {@link #finish()}.
 *
 * <p>Paths are written relative ({@code /lib/x} as {@code lib/x}, {@code /} as {@code .}), as mkinitramfs writes
 * them. File data is streamed; nothing is buffered beyond a copy buffer.
 */
public final class CpioArchiveWriter implements Closeable {
    private static final int PATH_MAX = 4096;

    private final OutputStream out;
    private long written;
    private long nextInode = 1;
    private boolean finished;

    /** Writes to {@code out}; {@link #close()} finishes the archive and closes {@code out}. */
    public CpioArchiveWriter(OutputStream out) {
        this.out = out;
    }

    /** The number of bytes written so far. */
    public long bytesWritten() {
        return written;
    }

    /** A directory entry. */
    public void directory(String path, EntryAttributes attributes) throws IOException {
        header(path, MemberType.DIRECTORY.modeBits() | attributes.permissions(), attributes, 2, 0, 0, 0);
        pad();
    }

    /** A regular file holding {@code data}. */
    public void file(String path, byte[] data, EntryAttributes attributes) throws IOException {
        header(path, MemberType.FILE.modeBits() | attributes.permissions(), attributes, 1, data.length, 0, 0);
        write(data, 0, data.length);
        pad();
    }

    /** A regular file with the content of {@code source}, streamed. */
    public void file(String path, Path source, EntryAttributes attributes) throws IOException {
        if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(source + ": not a regular file");
        }
        long size = Files.size(source);
        if (size > 0xffffffffL) {
            throw new IOException(source + ": " + size + " bytes do not fit a newc archive (4 GiB - 1 at most)");
        }
        header(path, MemberType.FILE.modeBits() | attributes.permissions(), attributes, 1, size, 0, 0);
        long copied = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(source)) {
            int n;
            while (copied < size && (n = in.read(buffer, 0, (int) Math.min(buffer.length, size - copied))) > 0) {
                write(buffer, 0, n);
                copied += n;
            }
        }
        if (copied != size) {
            throw new IOException(source + ": changed size while it was archived");
        }
        pad();
    }

    /** A symbolic link to {@code target}. */
    public void symlink(String path, String target, EntryAttributes attributes) throws IOException {
        byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length > PATH_MAX) {
            throw new IllegalArgumentException("symlink target must be 1 to " + PATH_MAX + " bytes");
        }
        header(path, MemberType.SYMLINK.modeBits() | attributes.permissions(), attributes, 1, bytes.length, 0, 0);
        write(bytes, 0, bytes.length);
        pad();
    }

    /** A character or block device, fifo or socket; {@code major}/{@code minor} matter for devices only. */
    public void special(String path, MemberType type, long major, long minor, EntryAttributes attributes)
            throws IOException {
        if (type == MemberType.FILE || type == MemberType.DIRECTORY || type == MemberType.SYMLINK) {
            throw new IllegalArgumentException(type + " is not a special file");
        }
        header(path, type.modeBits() | attributes.permissions(), attributes, 1, 0, major, minor);
        pad();
    }

    /** Writes the trailer; the archive is complete. Does not close the output. */
    public void finish() throws IOException {
        if (!finished) {
            header(0, 0, EntryAttributes.of(0), 1, 0, 0, 0, "TRAILER!!!");
            finished = true;
            out.flush();
        }
    }

    /** Finishes the archive and closes the output. */
    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            out.close();
        }
    }

    private void header(
            String path, int mode, EntryAttributes attributes, long nlink, long size, long major, long minor)
            throws IOException {
        if (finished) {
            throw new IllegalStateException("archive already finished");
        }
        String normalized = InitramfsPaths.normalize(path);
        String name = normalized.equals("/") ? "." : normalized.substring(1);
        header(nextInode++, mode, attributes, nlink, size, major, minor, name);
    }

    private void header(
            long inode,
            int mode,
            EntryAttributes attributes,
            long nlink,
            long size,
            long major,
            long minor,
            String name)
            throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length + 1 > PATH_MAX || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("path " + name + " is longer than PATH_MAX or holds a NUL");
        }
        if (major < 0 || major > 0xffffffffL || minor < 0 || minor > 0xffffffffL) {
            throw new IllegalArgumentException("device numbers must fit 32 bits");
        }
        StringBuilder header = new StringBuilder(110);
        header.append("070701");
        for (long field : new long[] {
            inode,
            mode,
            attributes.uid(),
            attributes.gid(),
            nlink,
            attributes.mtime(),
            size,
            0,
            0,
            major,
            minor,
            nameBytes.length + 1,
            0
        }) {
            header.append(String.format(Locale.ROOT, "%08X", field));
        }
        byte[] bytes = header.toString().getBytes(StandardCharsets.US_ASCII);
        write(bytes, 0, bytes.length);
        write(nameBytes, 0, nameBytes.length);
        write(new byte[] {0}, 0, 1);
        pad();
    }

    private void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        written += length;
    }

    private void pad() throws IOException {
        int padding = (int) ((4 - (written & 3)) & 3);
        if (padding > 0) {
            write(new byte[padding], 0, padding);
        }
    }
}
