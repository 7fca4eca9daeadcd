package dev.webboot.iso.internal.iso9660;

import dev.webboot.iso.Fields;
import dev.webboot.iso.ImageSource;
import dev.webboot.iso.MalformedImageException;
import dev.webboot.iso.internal.fs.EntryCursor;
import dev.webboot.iso.internal.fs.ImageNode;
import dev.webboot.iso.internal.fs.ImageTree;
import dev.webboot.iso.internal.fs.NodeType;
import dev.webboot.iso.iso9660.Extent;
import dev.webboot.iso.iso9660.IsoVolume;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ISO 9660 volume as an {@link ImageTree}: the primary tree with Rock Ridge when the volume has it, else the Joliet
 * tree when there is one, else the primary tree with plain names shown as Linux shows them.
 *
 * <p>Directories are read a block at a time when they are listed; the last few listings are cached with a name index,
 * so resolving every path of a large directory does not rescan it.
 */
public final class IsoTree implements ImageTree {
    /** Deeper than any path Linux could resolve (PATH_MAX 4096 / 2 bytes per level). */
    static final int MAX_DEPTH = 2048;
    /** A directory larger than this is refused rather than listed into memory. */
    static final long MAX_DIRECTORY_BYTES = 64L * 1024 * 1024;
    /** A multi-extent file of more extents than this (256 TiB at 4 GiB each) is refused. */
    static final int MAX_EXTENTS = 65536;

    private static final int CACHED_DIRECTORIES = 32;

    private final VolumeReader.Layout layout;
    private final IsoImage image;
    private final boolean closeSource;
    private final IsoNode root;
    private final Map<IsoNode, Listing> cache = new LinkedHashMap<>(CACHED_DIRECTORIES * 2, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<IsoNode, Listing> eldest) {
            return size() > CACHED_DIRECTORIES;
        }
    };

    private record Listing(List<ImageNode> children, Map<String, ImageNode> byName) {}

    private IsoTree(VolumeReader.Layout layout, boolean closeSource) throws IOException {
        this.layout = layout;
        this.image = layout.image();
        this.closeSource = closeSource;
        this.root = rootNode(layout.rootRecord());
    }

    /**
     * Reads the volume descriptors of {@code source} and returns its tree.
     *
     * @param closeSource whether {@link #close()} closes {@code source}
     */
    public static IsoTree open(ImageSource source, boolean closeSource) throws IOException {
        return new IsoTree(VolumeReader.read(source), closeSource);
    }

    public IsoVolume volume() {
        return layout.volume();
    }

    @Override
    public ImageSource source() {
        return image.source();
    }

    @Override
    public IsoNode root() {
        return root;
    }

    @Override
    public List<ImageNode> children(ImageNode directory) throws IOException {
        return listing(directory).children();
    }

    @Override
    public Optional<ImageNode> child(ImageNode directory, String name) throws IOException {
        return Optional.ofNullable(listing(directory).byName().get(name));
    }

    @Override
    public SeekableByteChannel open(ImageNode file) throws IOException {
        IsoNode node = (IsoNode) file;
        if (node.type() != NodeType.FILE) {
            throw new IOException(image.name() + ": " + node.name() + " is not a regular file");
        }
        if (node.interleavedAt() >= 0) {
            throw new MalformedImageException(
                    image.name(), node.interleavedAt(), "interleaved files (file unit size > 0) are not supported");
        }
        ExtentChannel stored = new ExtentChannel(image, node.extents());
        if (node.zisofsBlockShift() > 0 && node.size() > 0) {
            long at = node.extents().isEmpty()
                    ? node.recordOffset()
                    : node.extents().get(0).offset();
            return new ZisofsChannel(stored, image.name(), at, node.size(), node.zisofsBlockShift());
        }
        return stored;
    }

    @Override
    public void close() throws IOException {
        if (closeSource) {
            image.source().close();
        }
    }

    private Listing listing(ImageNode directory) throws IOException {
        IsoNode node = (IsoNode) directory;
        if (node.type() != NodeType.DIRECTORY) {
            throw new IOException(image.name() + ": " + node.name() + " is not a directory");
        }
        synchronized (cache) {
            Listing cached = cache.get(node);
            if (cached != null) {
                return cached;
            }
        }
        List<ImageNode> children = readDirectory(node);
        Map<String, ImageNode> byName = new HashMap<>(children.size() * 2);
        for (ImageNode child : children) {
            byName.put(child.name(), child);
        }
        Listing listing = new Listing(Collections.unmodifiableList(children), Collections.unmodifiableMap(byName));
        synchronized (cache) {
            cache.put(node, listing);
        }
        return listing;
    }

    private IsoNode rootNode(Fields record) throws IOException {
        long location = image.offsetOf(record.u32le(2) + record.u8(1));
        long length = record.u32le(10);
        image.checkRange(location, length, record.offsetOf(2), "root directory");
        FileTime recorded = IsoTimes.shortForm(record, 18);
        RockRidge rr = new RockRidge();
        if (layout.rockRidge()) {
            Fields dot = firstRecord(location, length, record.offsetOf(2));
            rr = RockRidge.decode(SystemUseArea.entries(image, dot, systemUseStart(dot, false)));
        }
        return node("", true, List.of(new Extent(location, length)), recorded, rr, record.offsetOf(0), null, -1);
    }

    /** The "." record at the start of a directory's extent, which holds the directory's own Rock Ridge entries. */
    private Fields firstRecord(long location, long length, long reportAt) throws IOException {
        int first = (int) Math.min(image.blockSize(), length);
        if (first < 34) {
            throw new MalformedImageException(image.name(), reportAt, "directory of " + length + " bytes is too short");
        }
        Fields block = new Fields(image.name(), location, image.read(location, first, reportAt, "directory"));
        int recordLength = block.u8(0);
        if (recordLength < 34 || recordLength > first) {
            throw block.malformed(0, "directory record length " + recordLength + " is invalid");
        }
        return block.slice(0, recordLength, "directory record");
    }

    /** Where a record's system use area starts: after the padded name, plus the SP skip (not for the root's "."). */
    private int systemUseStart(Fields record, boolean skip) throws MalformedImageException {
        int nameLength = record.u8(32);
        int start = 33 + nameLength + ((nameLength & 1) == 0 ? 1 : 0);
        return start + (skip ? layout.suspSkip() : 0);
    }

    private List<ImageNode> readDirectory(IsoNode directory) throws IOException {
        List<ImageNode> children = new ArrayList<>();
        try (DirectoryCursor cursor = new DirectoryCursor(directory)) {
            for (Optional<ImageNode> next = cursor.next(); next.isPresent(); next = cursor.next()) {
                children.add(next.get());
            }
        }
        return children;
    }

    @Override
    public EntryCursor entries(ImageNode directory) throws IOException {
        IsoNode node = (IsoNode) directory;
        if (node.type() != NodeType.DIRECTORY) {
            throw new IOException(image.name() + ": " + node.name() + " is not a directory");
        }
        synchronized (cache) {
            Listing cached = cache.get(node);
            if (cached != null) {
                return EntryCursor.of(cached.children());
            }
        }
        return new DirectoryCursor(node);
    }

    /**
     * The records of one directory, read a block at a time as they are asked for. Of two adjacent records that show
     * the same name (versions {@code ;1} and {@code ;2} of a plain ISO name) the first is kept; records are sorted
     * by their ISO name, so such pairs are adjacent, and no set of every name is held.
     */
    private final class DirectoryCursor implements EntryCursor {
        private final IsoNode directory;
        private final long location;
        private final long length;
        private final int blockSize = image.blockSize();
        private final List<Extent> pending = new ArrayList<>();
        private Fields pendingFirst;
        private long done;
        private Fields block;
        private int n;
        private int pos;
        private String previousName = "";

        DirectoryCursor(IsoNode directory) throws IOException {
            this.directory = directory;
            Extent extent = directory.extents().get(0);
            this.location = extent.offset();
            this.length = extent.length();
            if (length > MAX_DIRECTORY_BYTES) {
                throw new MalformedImageException(
                        image.name(), directory.recordOffset(), "directory of " + length + " bytes is too large");
            }
            image.checkRange(location, length, directory.recordOffset(), "directory");
        }

        @Override
        public Optional<ImageNode> next() throws IOException {
            while (true) {
                if (block == null || pos >= n) {
                    if (block != null) {
                        done += blockSize;
                    }
                    if (done >= length) {
                        return Optional.empty();
                    }
                    n = (int) Math.min(blockSize, length - done);
                    long at = location + done;
                    block = new Fields(image.name(), at, image.read(at, n, directory.recordOffset(), "directory"));
                    pos = 0;
                }
                int recordLength = block.u8(pos);
                if (recordLength == 0) {
                    pos = n; // records never cross a block boundary; the rest of the block is padding
                    continue;
                }
                if (recordLength < 34 || recordLength > n - pos) {
                    throw block.malformed(pos, "directory record length " + recordLength + " is invalid");
                }
                Fields record = block.slice(pos, recordLength, "directory record");
                pos += recordLength;
                int nameLength = record.u8(32);
                if (33 + nameLength > recordLength) {
                    throw record.malformed(32, "name of " + nameLength + " bytes runs past its directory record");
                }
                int flags = record.u8(25);
                if (nameLength == 1 && record.u8(33) <= 1) {
                    continue; // "." and ".."
                }
                Extent data = new Extent(image.offsetOf(record.u32le(2) + record.u8(1)), record.u32le(10));
                if ((flags & 0x80) != 0) {
                    // Multi-extent: this record is one part; the parts end with a record without the flag.
                    if (pending.isEmpty()) {
                        pendingFirst = record;
                    }
                    if (pending.size() >= MAX_EXTENTS) {
                        throw record.malformed(25, "file of more than " + MAX_EXTENTS + " extents");
                    }
                    pending.add(data);
                    continue;
                }
                Fields primary = pending.isEmpty() ? record : pendingFirst;
                List<Extent> extents = new ArrayList<>(pending);
                extents.add(data);
                pending.clear();
                pendingFirst = null;
                // Associated files (resource forks) are hidden, as Linux hides them by default.
                if ((primary.u8(25) & 0x04) != 0) {
                    continue;
                }
                IsoNode child = child(directory, primary, extents);
                if (child != null && !child.name().equals(previousName)) {
                    previousName = child.name();
                    return Optional.of(child);
                }
            }
        }
    }

    /** Builds the node for a record (the first of a multi-extent file), or null for a hidden relocated copy. */
    private IsoNode child(IsoNode parent, Fields record, List<Extent> extents) throws IOException {
        RockRidge rr = new RockRidge();
        if (layout.rockRidge()) {
            rr = RockRidge.decode(SystemUseArea.entries(image, record, systemUseStart(record, true)));
            if (rr.relocated) {
                return null; // the RE copy in rr_moved: the CL entry in its real parent shows it
            }
        }
        int nameLength = record.u8(32);
        byte[] raw = record.bytes(33, nameLength);
        String name = rr.name.orElseGet(() -> layout.joliet() ? IsoNames.joliet(raw) : IsoNames.plain(raw));
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0) {
            throw record.malformed(33, "directory record has an unusable name \"" + name + "\"");
        }
        FileTime recorded = IsoTimes.shortForm(record, 18);
        boolean directory = (record.u8(25) & 0x02) != 0;
        if (rr.childLink >= 0) {
            // CL: a deep directory relocated by mkisofs; its own "." record holds its attributes.
            long location = image.offsetOf(rr.childLink);
            image.checkRange(location, 34, rr.childLinkAt, "relocated directory");
            Fields dot = firstRecord(location, image.blockSize(), rr.childLinkAt);
            long length = dot.u32le(10);
            image.checkRange(location, length, dot.offsetOf(10), "relocated directory");
            RockRidge own = RockRidge.decode(SystemUseArea.entries(image, dot, systemUseStart(dot, true)));
            own.name = rr.name;
            own.childLink = -1;
            checkNotAncestor(parent, location, rr.childLinkAt);
            return node(
                    name,
                    true,
                    List.of(new Extent(location, length)),
                    IsoTimes.shortForm(dot, 18),
                    own,
                    record.offsetOf(0),
                    parent,
                    -1);
        }
        if (directory) {
            Extent extent = extents.get(0);
            if (extents.size() != 1) {
                throw record.malformed(25, "directory split into several extents");
            }
            image.checkRange(extent.offset(), extent.length(), record.offsetOf(2), "directory");
            checkNotAncestor(parent, extent.offset(), record.offsetOf(2));
        } else {
            for (Extent extent : extents) {
                image.checkFileData(extent.offset(), extent.length(), record.offsetOf(2));
            }
        }
        long interleavedAt = !directory && (record.u8(26) != 0 || record.u8(27) != 0) ? record.offsetOf(26) : -1;
        return node(name, directory, extents, recorded, rr, record.offsetOf(0), parent, interleavedAt);
    }

    /** A directory whose extent is its own or an ancestor's would make the tree infinite. */
    private void checkNotAncestor(IsoNode parent, long location, long reportAt) throws MalformedImageException {
        if (parent.depth() + 1 > MAX_DEPTH) {
            throw new MalformedImageException(image.name(), reportAt, "directories nested deeper than " + MAX_DEPTH);
        }
        for (IsoNode up = parent; up != null; up = up.parent()) {
            if (up.extents().get(0).offset() == location) {
                throw new MalformedImageException(
                        image.name(),
                        reportAt,
                        "directory extent at byte " + location + " is that of the directory itself or an ancestor");
            }
        }
    }

    private IsoNode node(
            String name,
            boolean directory,
            List<Extent> extents,
            FileTime recorded,
            RockRidge rr,
            long recordOffset,
            IsoNode parent,
            long interleavedAt) {
        int mode = rr.mode.orElse(directory ? 0040555 : 0100444);
        NodeType type;
        if (directory) {
            type = NodeType.DIRECTORY;
        } else if (rr.symlinkTarget.isPresent() && rr.mode.isEmpty()) {
            type = NodeType.SYMLINK;
        } else {
            type = NodeType.fromMode(mode).orElse(NodeType.FILE);
            if (type == NodeType.DIRECTORY) {
                type = NodeType.FILE; // a mode that says directory on a record that holds no directory
            }
        }
        String target = type == NodeType.SYMLINK ? rr.symlinkTarget.orElse("") : "";
        long size;
        List<Extent> kept = extents;
        switch (type) {
            case FILE -> size = rr.zisofsBlockShift > 0
                    ? rr.zisofsSize
                    : extents.stream().mapToLong(Extent::length).sum();
            case DIRECTORY -> size = extents.get(0).length();
            case SYMLINK -> size = target.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            default -> size = 0;
        }
        if (type != NodeType.FILE && type != NodeType.DIRECTORY) {
            kept = List.of();
        } else if (type == NodeType.FILE) {
            kept = extents.stream().filter(e -> e.length() > 0).toList();
        }
        IsoNode.FileKey key;
        if (type == NodeType.DIRECTORY) {
            // A directory is its extent: a Rock Ridge serial number is the image's word, and two records naming one
            // extent under different numbers must still be seen as one directory reached twice.
            key = IsoNode.FileKey.extent(kept.get(0).offset());
        } else if (rr.inode != 0) {
            key = IsoNode.FileKey.inode(rr.inode);
        } else if (!kept.isEmpty()) {
            key = IsoNode.FileKey.extent(kept.get(0).offset());
        } else {
            key = IsoNode.FileKey.record(recordOffset);
        }
        FileTime modified = rr.modified.orElse(recorded);
        return new IsoNode(
                name,
                type,
                size,
                target,
                key,
                mode & 07777,
                rr.uid,
                rr.gid,
                rr.links > 0 ? rr.links : 1,
                type == NodeType.BLOCK_DEVICE || type == NodeType.CHARACTER_DEVICE ? rr.device : 0,
                modified,
                rr.accessed.orElse(modified),
                rr.changed.or(() -> rr.created).orElse(recorded),
                kept,
                recordOffset,
                parent,
                interleavedAt,
                type == NodeType.FILE ? rr.zisofsBlockShift : 0);
    }
}
