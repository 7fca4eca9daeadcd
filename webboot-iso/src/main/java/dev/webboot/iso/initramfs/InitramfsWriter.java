package dev.webboot.iso.initramfs;

import dev.webboot.iso.internal.initramfs.InitramfsPaths;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Extends an initrd the way the kernel allows: its bytes are copied unchanged, zero padding brings the end to a
 * 4-byte boundary (the kernel rejects an archive that follows an uncompressed one unaligned), and one new cpio newc
 * archive follows, uncompressed or compressed with gzip, xz (with the CRC32 check, the one the kernel's xz decoder
 * requires) or zstd.
 *
 * <p>Directory entries are written only for directories the initrd does not already have — looked up through its
 * symlinks, so that a {@code lib -> usr/lib} symlink is never replaced by a {@code lib} directory — and missing
 * parents of every entry are added with mode 0755, because the kernel does not create parents.
 *
 * <pre>{@code
 * try (InitramfsWriter writer = InitramfsWriter.append(initrd, out, Compression.GZIP)) {
 *     writer.file("/lib/modules/6.1.0/kernel/drivers/nvdimm/nd_pmem.ko", module, EntryAttributes.of(0644));
 *     writer.file("/scripts/init-top/webboot", hook, EntryAttributes.of(0755));
 * }
 * }</pre>
 */
public final class InitramfsWriter implements Closeable {
    private static final EntryAttributes PARENT = EntryAttributes.of(0755);

    private final Initramfs existing;
    private final OutputStream out;
    private final OutputStream compressor;
    private final CpioArchiveWriter archive;
    private final Set<String> added = new HashSet<>();
    private boolean closed;

    private InitramfsWriter(Initramfs existing, OutputStream out, OutputStream compressor) {
        this.existing = existing;
        this.out = out;
        this.compressor = compressor;
        this.archive = new CpioArchiveWriter(compressor);
    }

    /** Copies {@code initrd} to {@code out} and opens a new archive after it; {@link #close()} closes {@code out}. */
    public static InitramfsWriter append(Path initrd, OutputStream out, Compression compression) throws IOException {
        if (!compression.writable()) {
            throw new IllegalArgumentException(
                    "cannot write " + compression.cliName() + "; use none, gzip, xz or zstd");
        }
        Initramfs existing = Initramfs.open(initrd);
        try {
            long copied;
            try (InputStream in = Files.newInputStream(initrd)) {
                copied = in.transferTo(out);
            }
            int padding = (int) ((4 - (copied & 3)) & 3);
            out.write(new byte[padding]);
            OutputStream unclosable = new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            OutputStream compressor = compression == Compression.NONE
                    ? new BufferedOutputStream(unclosable, 64 * 1024)
                    : compression.compress(unclosable);
            return new InitramfsWriter(existing, out, compressor);
        } catch (IOException | RuntimeException e) {
            existing.close();
            throw e;
        }
    }

    /** Writes {@code initrd} plus the new archive to the file {@code out}, which is created or replaced. */
    public static InitramfsWriter append(Path initrd, Path out, Compression compression) throws IOException {
        return append(initrd, new BufferedOutputStream(Files.newOutputStream(out), 64 * 1024), compression);
    }

    /** The existing initrd, as read before appending. */
    public Initramfs existing() {
        return existing;
    }

    /** Whether {@code path} exists in the existing initrd (through its symlinks) or was added here. */
    public boolean exists(String path) {
        String normalized = InitramfsPaths.normalize(path);
        return normalized.equals("/") || added.contains(normalized) || existing.exists(normalized);
    }

    /** A directory, unless the initrd already has one there (then its owner and mode are left alone). */
    public void directory(String path, EntryAttributes attributes) throws IOException {
        String normalized = InitramfsPaths.normalize(path);
        if (exists(normalized)) {
            return;
        }
        parents(normalized);
        archive.directory(normalized, attributes);
        added.add(normalized);
    }

    /** A regular file with {@code data}. */
    public void file(String path, byte[] data, EntryAttributes attributes) throws IOException {
        String normalized = entry(path);
        archive.file(normalized, data, attributes);
    }

    /** A regular file with the content of {@code source}, streamed. */
    public void file(String path, Path source, EntryAttributes attributes) throws IOException {
        String normalized = entry(path);
        archive.file(normalized, source, attributes);
    }

    /** A symbolic link. */
    public void symlink(String path, String target, EntryAttributes attributes) throws IOException {
        String normalized = entry(path);
        archive.symlink(normalized, target, attributes);
    }

    /** A device node, fifo or socket. */
    public void special(String path, MemberType type, long major, long minor, EntryAttributes attributes)
            throws IOException {
        String normalized = entry(path);
        archive.special(normalized, type, major, minor, attributes);
    }

    private String entry(String path) throws IOException {
        String normalized = InitramfsPaths.normalize(path);
        if (normalized.equals("/")) {
            throw new IllegalArgumentException("/ can only be a directory");
        }
        parents(normalized);
        added.add(normalized);
        return normalized;
    }

    private void parents(String normalized) throws IOException {
        List<String> missing = new ArrayList<>();
        for (String p = InitramfsPaths.parent(normalized); !p.equals("/"); p = InitramfsPaths.parent(p)) {
            if (exists(p)) {
                break;
            }
            missing.add(0, p);
        }
        for (String p : missing) {
            archive.directory(p, PARENT);
            added.add(p);
        }
    }

    /** Writes the trailer, ends the compressed stream and closes the output. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (existing;
                out) {
            archive.finish();
            compressor.close();
        }
    }
}
