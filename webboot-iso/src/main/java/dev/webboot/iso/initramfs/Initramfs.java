package dev.webboot.iso.initramfs;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.ImageSources;
import dev.webboot.iso.MalformedImageException;
import dev.webboot.iso.internal.initramfs.InitramfsIndex;
import dev.webboot.iso.internal.initramfs.InitramfsPaths;
import dev.webboot.iso.internal.initramfs.InitramfsScanner;
import dev.webboot.iso.internal.initramfs.SegmentDecoders;
import dev.webboot.iso.internal.initramfs.SourceInputStream;
import dev.webboot.iso.internal.initramfs.TreeResolver;
import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An initrd read the way the Linux kernel unpacks it ({@code init/initramfs.c}): a sequence of segments, each an
 * uncompressed cpio archive (newc {@code 070701} or crc {@code 070702}, checksums verified) or one gzip, bzip2, lzma,
 * xz, lzop, legacy-lz4 or zstd stream of archives, with zero padding between them. Later members with the same path
 * replace earlier ones, and members of one archive with the same inode become hard links, as in the kernel.
 *
 * <p>{@link #open} reads the whole initrd once, decompressing as it goes and keeping only member metadata, so memory
 * does not grow with the data. Reading a member later decodes its segment again up to the member.
 *
 * <p>Differences from the kernel, all on input the kernel would also mishandle: an entry whose name is empty or
 * longer than PATH_MAX, or a symlink target longer than PATH_MAX, is an error here (the kernel skips it silently);
 * a truncated uncompressed archive is an error. Member names are resolved against the tree built so far, through
 * symlinks, as the kernel's path walk does ({@code lib/x} lands in {@code /usr/lib/x} after {@code lib -> usr/lib});
 * a member whose parent directory is missing is listed but, as in the kernel, not created.
 */
public final class Initramfs implements Closeable {

    /**
     * Caps that keep a hostile initrd from exhausting memory or time.
     *
     * @param maxDecompressedBytes the most bytes all compressed segments together may decompress to
     * @param maxMembers the most members (trailers excluded)
     */
    public record Limits(long maxDecompressedBytes, int maxMembers) {
        /** 4 GiB of decompressed data and a million members. */
        public static final Limits DEFAULT = new Limits(4L << 30, 1_000_000);

        public Limits {
            if (maxDecompressedBytes < 0 || maxMembers < 0) {
                throw new IllegalArgumentException("limits must not be negative");
            }
        }
    }

    private final ImageSource source;
    private final boolean ownsSource;
    private final InitramfsIndex index;
    private final TreeResolver resolver;
    /** By identity: two members may be equal records and still hold different data. */
    private final Map<InitramfsMember, Integer> memberIndexes = new IdentityHashMap<>();

    private Initramfs(ImageSource source, boolean ownsSource, InitramfsIndex index) {
        this.source = source;
        this.ownsSource = ownsSource;
        this.index = index;
        this.resolver = new TreeResolver(index.tree(), index.members());
        for (int i = 0; i < index.members().size(); i++) {
            memberIndexes.put(index.members().get(i), i);
        }
    }

    /** Opens and scans the initrd at {@code path}. */
    public static Initramfs open(Path path) throws IOException {
        return open(path, Limits.DEFAULT);
    }

    /** Opens and scans the initrd at {@code path} with the given limits. */
    public static Initramfs open(Path path, Limits limits) throws IOException {
        ImageSource source = ImageSources.open(path);
        try {
            return new Initramfs(source, true, scan(source, limits));
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** Scans an initrd held by {@code source}; closing the result does not close {@code source}. */
    public static Initramfs open(ImageSource source) throws IOException {
        return open(source, Limits.DEFAULT);
    }

    /** Scans an initrd held by {@code source} with the given limits; closing the result does not close it. */
    public static Initramfs open(ImageSource source, Limits limits) throws IOException {
        return new Initramfs(source, false, scan(source, limits));
    }

    private static InitramfsIndex scan(ImageSource source, Limits limits) throws IOException {
        return InitramfsScanner.scan(source, limits.maxDecompressedBytes(), limits.maxMembers());
    }

    /** The segments in file order. */
    public List<InitramfsSegment> segments() {
        return index.segments();
    }

    /** Every member in file order, replaced ones included (trailers excluded). */
    public List<InitramfsMember> members() {
        return index.members();
    }

    /** The node at a path, parents resolved through symlinks. */
    private InitramfsIndex.Node node(String path) {
        return resolver.lookup(InitramfsPaths.normalize(path))
                .map(key -> index.tree().get(key))
                .orElse(null);
    }

    /** The member that gives {@code path} its final state (the last one with that path), or empty. */
    public Optional<InitramfsMember> find(String path) {
        InitramfsIndex.Node node = node(path);
        return node == null ? Optional.empty() : Optional.of(index.members().get(node.member()));
    }

    /**
     * Whether the unpacked tree has {@code path}, following symlinks in its parent directories as a lookup on the
     * running system would ({@code /lib/modules} exists when {@code /lib -> usr/lib} and {@code /usr/lib/modules}
     * do). The last component is not followed: a dangling symlink exists.
     */
    public boolean exists(String path) {
        return resolver.lookup(InitramfsPaths.normalize(path)).isPresent();
    }

    /**
     * Every path of the tree the kernel leaves behind, sorted, {@code /} excluded. These are real paths: a member
     * {@code lib/x} unpacked through a {@code lib -> usr/lib} symlink is {@code /usr/lib/x}.
     */
    public List<String> paths() {
        return index.tree().keySet().stream()
                .filter(p -> !p.equals("/"))
                .sorted()
                .toList();
    }

    /**
     * A stream of the data the kernel leaves at {@code path}: the last member with that path, or for a hard link the
     * data last written to the shared inode.
     *
     * @throws FileNotFoundException if no member has that path or it is not a regular file
     */
    public InputStream newInputStream(String path) throws IOException {
        String normalized = InitramfsPaths.normalize(path);
        InitramfsIndex.Node node = node(normalized);
        if (node == null) {
            throw new FileNotFoundException(source.name() + ": " + normalized + ": no such member");
        }
        if (node.inode() == null) {
            throw new FileNotFoundException(source.name() + ": " + normalized + ": not a regular file");
        }
        return newInputStream(contentOf(normalized).orElseThrow());
    }

    /**
     * The member whose data the regular file at {@code path} shows: the last member with that path, or for a hard
     * link the member that last wrote the shared inode. Empty when the path is missing or not a regular file.
     */
    public Optional<InitramfsMember> contentOf(String path) {
        InitramfsIndex.Node node = node(path);
        if (node == null || node.inode() == null) {
            return Optional.empty();
        }
        int data = node.inode().dataMember();
        return Optional.of(index.members().get(data < 0 ? node.member() : data));
    }

    /**
     * The data stored in {@code member}'s own entry (for a symlink, its target; for most other types, nothing).
     * Reading members in {@link #members()} order decodes each compressed segment once.
     *
     * @throws IllegalArgumentException if {@code member} is not one of this initrd's {@link #members()}
     */
    public InputStream newInputStream(InitramfsMember member) throws IOException {
        Integer memberIndex = memberIndexes.get(member);
        if (memberIndex == null) {
            throw new IllegalArgumentException(member.path() + " is not a member of " + source.name());
        }
        return member.size() == 0 ? InputStream.nullInputStream() : openData(memberIndex);
    }

    /**
     * The bytes {@link #newInputStream} gives; for small files.
     *
     * @throws IOException if the file is larger than 2 GiB, among other things
     */
    public byte[] read(String path) throws IOException {
        Optional<InitramfsMember> member = find(path);
        if (member.isPresent() && member.get().size() > Integer.MAX_VALUE - 8) {
            throw new IOException(source.name() + ": " + path + " is too large to read into memory");
        }
        try (InputStream in = newInputStream(path)) {
            return in.readAllBytes();
        }
    }

    private InputStream openData(int memberIndex) throws IOException {
        InitramfsMember member = index.members().get(memberIndex);
        InitramfsSegment segment = index.segments().get(member.segment());
        long dataOffset = index.dataOffsets()[memberIndex];
        if (segment.compression() == Compression.NONE) {
            long start = segment.offset() + dataOffset;
            return new SourceInputStream(source, start, start + member.size());
        }
        // Reading members in file order is the common case (listing, extracting, comparing): keep the last decoder
        // and skip forward instead of decoding the segment from its start for every member.
        Cursor cursor;
        synchronized (this) {
            cursor = idle;
            idle = null;
        }
        if (cursor == null || cursor.segment != segment.index() || cursor.position > dataOffset) {
            SourceInputStream raw = new SourceInputStream(source, segment.offset(), source.size());
            cursor = new Cursor(segment.index(), SegmentDecoders.open(segment.compression(), raw));
        }
        byte[] scratch = new byte[64 * 1024];
        while (cursor.position < dataOffset) {
            int n = cursor.decoder.read(scratch, 0, (int) Math.min(scratch.length, dataOffset - cursor.position));
            if (n < 0) {
                throw new MalformedImageException(
                        source.name(), segment.offset(), "segment changed since it was scanned");
            }
            cursor.position += n;
        }
        return new MemberInputStream(cursor, member.size());
    }

    /** A decoder of one segment and how far into its decompressed stream it stands. */
    private static final class Cursor {
        final int segment;
        final InputStream decoder;
        long position;

        Cursor(int segment, InputStream decoder) {
            this.segment = segment;
            this.decoder = decoder;
        }
    }

    private Cursor idle;

    /** At most {@code limit} bytes of a cursor's decoder; closing hands the cursor back for the next member. */
    private final class MemberInputStream extends InputStream {
        private Cursor cursor;
        private long left;

        MemberInputStream(Cursor cursor, long limit) {
            this.cursor = cursor;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (cursor == null) {
                throw new IOException("stream closed");
            }
            if (left <= 0) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n = cursor.decoder.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new MalformedImageException(source.name(), 0, "member data ends early");
            }
            left -= n;
            cursor.position += n;
            return n;
        }

        @Override
        public void close() {
            if (cursor != null) {
                synchronized (Initramfs.this) {
                    idle = cursor;
                }
                cursor = null;
            }
        }
    }

    /** Closes the source when it was opened from a path. */
    @Override
    public void close() throws IOException {
        if (ownsSource) {
            source.close();
        }
    }
}
