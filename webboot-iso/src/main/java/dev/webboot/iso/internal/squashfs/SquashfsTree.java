package dev.webboot.iso.internal.squashfs;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.MalformedImageException;
import dev.webboot.iso.internal.fs.ImageNode;
import dev.webboot.iso.internal.fs.ImageTree;
import dev.webboot.iso.internal.fs.NodeType;
import dev.webboot.iso.internal.squashfs.codec.DecompressionException;
import dev.webboot.iso.internal.squashfs.codec.Decompressor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NotDirectoryException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A squashfs 4.0 image as an {@link ImageTree}. Opening reads and checks the superblock, the compressor options, the
 * id table and the root inode; everything else is read on demand through bounded caches.
 */
public final class SquashfsTree implements ImageTree {
    /** More entries than this in one directory is taken as a corrupt listing, not a directory to hold in memory. */
    static final int MAX_DIRECTORY_ENTRIES = 1 << 20;
    /** squashfs's own limits: entries per directory header and bytes per name. */
    private static final int MAX_HEADER_ENTRIES = 256;

    private static final int MAX_NAME = 256;
    private static final int MAX_SYMLINK = 65535;
    private static final int FRAGMENT_CACHE_BLOCKS = 4;
    private static final long DATA_SIZE_MASK = 0xffffffL;
    private static final long DATA_UNCOMPRESSED = 1L << 24;

    private final ImageSource source;
    private final boolean closeSource;
    private final Superblock superblock;
    private final Decompressor decompressor;
    private final MetadataReader metadata;
    private final long[] ids;
    private final LookupTable fragments;
    private final XattrTable xattrs;
    private final LruCache<Long, byte[]> fragmentBlocks = new LruCache<>(FRAGMENT_CACHE_BLOCKS);
    private final SquashfsNode root;

    private SquashfsTree(ImageSource source, boolean closeSource) throws IOException {
        this.source = source;
        this.closeSource = closeSource;
        this.superblock = Superblock.read(source);
        this.decompressor = superblock.compression().decompressor(superblock.blockSize());
        this.metadata = new MetadataReader(source, decompressor, superblock.bytesUsed());
        if (superblock.hasFlag(Superblock.FLAG_COMPRESSOR_OPTIONS)) {
            CompressorOptions.check(superblock.compression(), metadata.block(Superblock.SIZE), source.name());
        }
        this.ids = readIds();
        this.fragments = superblock.fragmentCount() == 0
                ? null
                : new LookupTable(
                        source,
                        metadata,
                        "fragment table",
                        superblock.fragmentTableStart(),
                        superblock.fragmentCount(),
                        16,
                        superblock.bytesUsed());
        this.xattrs = superblock.hasXattrs() ? XattrTable.read(source, metadata, superblock) : null;
        this.root = inode(superblock.rootInodeRef(), "");
        if (root.type() != NodeType.DIRECTORY) {
            throw new MalformedImageException(
                    source.name(), superblock.inodeTableStart(), "the root inode is not a directory");
        }
    }

    /**
     * Opens the squashfs image in {@code source}.
     *
     * @param closeSource whether closing the tree closes {@code source}
     */
    public static SquashfsTree open(ImageSource source, boolean closeSource) throws IOException {
        try {
            return new SquashfsTree(source, closeSource);
        } catch (IOException | RuntimeException e) {
            if (closeSource) {
                try {
                    source.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    public Superblock superblock() {
        return superblock;
    }

    @Override
    public ImageSource source() {
        return source;
    }

    @Override
    public SquashfsNode root() {
        return root;
    }

    @Override
    public void close() throws IOException {
        if (closeSource) {
            source.close();
        }
    }

    private long[] readIds() throws IOException {
        LookupTable table = new LookupTable(
                source,
                metadata,
                "id table",
                superblock.idTableStart(),
                superblock.idCount(),
                4,
                superblock.bytesUsed());
        long[] result = new long[superblock.idCount()];
        MetadataCursor cursor = null;
        for (int i = 0; i < result.length; i++) {
            // Entries are contiguous across the table's blocks, so one cursor reads them all.
            if (i % (MetadataReader.BLOCK_SIZE / 4) == 0) {
                cursor = table.entry(i);
            }
            result[i] = cursor.u32();
        }
        return result;
    }

    private int id(int index, MetadataCursor at) throws MalformedImageException {
        if (index >= ids.length) {
            throw at.malformed("inode names id " + index + " but the id table has " + ids.length);
        }
        return (int) ids[index];
    }

    // ---- inodes ----------------------------------------------------------------------------------------------

    /** Reads the inode at {@code reference} and names it {@code name}. */
    SquashfsNode inode(long reference, String name) throws IOException {
        long tableSize = superblock.directoryTableStart() - superblock.inodeTableStart();
        long block = reference >>> 16;
        if (block >= tableSize) {
            throw new MalformedImageException(
                    source.name(),
                    superblock.inodeTableStart(),
                    "inode reference " + Long.toHexString(reference) + " lies outside the inode table");
        }
        MetadataCursor c = metadata.cursor(
                superblock.inodeTableStart(),
                superblock.directoryTableStart(),
                superblock.inodeTableStart() + block,
                (int) (reference & 0xffff));
        int type = c.u16();
        int mode = c.u16();
        int uid = id(c.u16(), c);
        int gid = id(c.u16(), c);
        long mtime = c.u32();
        long number = c.u32();
        if (number == 0 || number > superblock.inodeCount()) {
            throw c.malformed("inode number " + number + " is outside 1.." + superblock.inodeCount());
        }
        long linkCount;
        long size = 0;
        String target = "";
        long device = 0;
        long xattr = XattrTable.NO_XATTRS;
        SquashfsNode.Layout layout = new SquashfsNode.Layout.None();
        NodeType nodeType;
        switch (type) {
            case 1 -> {
                nodeType = NodeType.DIRECTORY;
                long listingBlock = c.u32();
                linkCount = c.u32();
                size = c.u16();
                int offset = c.u16();
                c.u32(); // parent inode
                layout = directory(c, listingBlock, offset, size, 0);
            }
            case 8 -> {
                nodeType = NodeType.DIRECTORY;
                linkCount = c.u32();
                size = c.u32();
                long listingBlock = c.u32();
                c.u32(); // parent inode
                int indexCount = c.u16();
                int offset = c.u16();
                xattr = c.u32();
                layout = directory(c, listingBlock, offset, size, indexCount);
            }
            case 2 -> {
                nodeType = NodeType.FILE;
                long blocksStart = c.u32();
                long fragment = c.u32();
                int fragmentOffset = (int) c.u32();
                size = c.u32();
                linkCount = 1;
                layout = file(c, blocksStart, fragment, fragmentOffset, size);
            }
            case 9 -> {
                nodeType = NodeType.FILE;
                long blocksStart = c.s64();
                size = c.s64();
                c.s64(); // bytes saved by sparse blocks
                linkCount = c.u32();
                long fragment = c.u32();
                int fragmentOffset = (int) c.u32();
                xattr = c.u32();
                layout = file(c, blocksStart, fragment, fragmentOffset, size);
            }
            case 3, 10 -> {
                nodeType = NodeType.SYMLINK;
                linkCount = c.u32();
                long targetSize = c.u32();
                if (targetSize == 0 || targetSize > MAX_SYMLINK) {
                    throw c.malformed("symlink target of " + targetSize + " bytes");
                }
                byte[] bytes = c.bytes((int) targetSize);
                target = new String(bytes, StandardCharsets.UTF_8);
                size = targetSize;
                if (type == 10) {
                    xattr = c.u32();
                }
            }
            case 4, 5, 11, 12 -> {
                nodeType = type == 4 || type == 11 ? NodeType.BLOCK_DEVICE : NodeType.CHARACTER_DEVICE;
                linkCount = c.u32();
                long dev = c.u32();
                // Linux's new_encode_dev: minor's low byte, major, then minor's high bits.
                long major = (dev >>> 8) & 0xfff;
                long minor = (dev & 0xff) | ((dev >>> 12) & 0xfff00);
                device = major << 32 | minor;
                if (type > 7) {
                    xattr = c.u32();
                }
            }
            case 6, 7, 13, 14 -> {
                nodeType = type == 6 || type == 13 ? NodeType.FIFO : NodeType.SOCKET;
                linkCount = c.u32();
                if (type > 7) {
                    xattr = c.u32();
                }
            }
            default -> throw c.malformed("unknown inode type " + type);
        }
        Map<String, byte[]> attributes = Map.of();
        if (xattr != XattrTable.NO_XATTRS) {
            if (xattrs == null) {
                throw c.malformed("inode " + number + " has xattr id " + xattr + " but the image has no xattr table");
            }
            attributes = xattrs.attributes(xattr);
        }
        return new SquashfsNode(
                name,
                nodeType,
                number,
                reference,
                mode & 07777,
                uid,
                gid,
                mtime,
                size,
                target,
                linkCount,
                device,
                attributes,
                layout);
    }

    private SquashfsNode.Layout.Directory directory(
            MetadataCursor c, long listingBlock, int offset, long fileSize, int indexCount) throws IOException {
        // The stored size counts the "." and ".." entries that are not stored.
        if (fileSize < 3) {
            throw c.malformed("directory size " + fileSize + " is smaller than 3");
        }
        if (listingBlock >= superblock.bytesUsed() - superblock.directoryTableStart()
                || offset >= MetadataReader.BLOCK_SIZE) {
            throw c.malformed("directory listing (block " + listingBlock + ", offset " + offset
                    + ") lies outside the directory table");
        }
        long listingSize = fileSize - 3;
        if (indexCount > listingSize / MetadataReader.BLOCK_SIZE + 1) {
            throw c.malformed("directory of " + listingSize + " bytes has " + indexCount + " index entries");
        }
        long indexBlock = 0;
        int indexOffset = 0;
        if (indexCount > 0) {
            indexBlock = c.blockPosition();
            indexOffset = c.offset();
        }
        return new SquashfsNode.Layout.Directory(
                listingBlock, offset, listingSize, indexCount, indexBlock, indexOffset);
    }

    private SquashfsNode.Layout.File file(
            MetadataCursor c, long blocksStart, long fragment, int fragmentOffset, long size) throws IOException {
        int blockSize = superblock.blockSize();
        if (size < 0) {
            throw c.malformed("file size " + size + " is negative");
        }
        if (blocksStart < 0 || blocksStart > superblock.bytesUsed()) {
            throw c.malformed("file data start " + blocksStart + " lies outside the image");
        }
        boolean hasFragment = fragment != SquashfsNode.Layout.File.NO_FRAGMENT;
        long blockCount = hasFragment ? size / blockSize : (size + blockSize - 1) / blockSize;
        if (hasFragment) {
            if (fragment >= superblock.fragmentCount()) {
                throw c.malformed(
                        "file names fragment " + fragment + " but the image has " + superblock.fragmentCount());
            }
            if (fragmentOffset < 0 || fragmentOffset >= blockSize) {
                throw c.malformed("fragment offset " + fragmentOffset + " is outside the " + blockSize + "-byte block");
            }
        }
        // The block list follows the inode; remember where without reading it (it can be megabytes long).
        long listBlock = 0;
        int listOffset = 0;
        if (blockCount > 0) {
            listBlock = c.blockPosition();
            listOffset = c.offset();
        }
        return new SquashfsNode.Layout.File(blocksStart, blockCount, listBlock, listOffset, fragment, fragmentOffset);
    }

    // ---- directories -----------------------------------------------------------------------------------------

    private static SquashfsNode.Layout.Directory directoryLayout(ImageNode node) throws NotDirectoryException {
        if (node instanceof SquashfsNode s && s.layout() instanceof SquashfsNode.Layout.Directory d) {
            return d;
        }
        throw new NotDirectoryException(node.name());
    }

    @Override
    public List<ImageNode> children(ImageNode directory) throws IOException {
        SquashfsNode.Layout.Directory layout = directoryLayout(directory);
        List<ImageNode> result = new ArrayList<>();
        scan((SquashfsNode) directory, layout, layout.block(), layout.offset(), 0, entry -> {
            result.add(entry.resolve());
            return true;
        });
        return result;
    }

    @Override
    public Optional<ImageNode> child(ImageNode directory, String name) throws IOException {
        SquashfsNode dir = (SquashfsNode) directory;
        SquashfsNode.Layout.Directory layout = directoryLayout(directory);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        if (wanted.length == 0 || wanted.length > MAX_NAME) {
            return Optional.empty();
        }
        long startBlock = layout.block();
        int startOffset = layout.offset();
        long consumed = 0;
        if (layout.indexCount() > 0) {
            // Index entries name the first entry of each metadata block of the listing, in sorted order: start at
            // the last one not after the wanted name.
            MetadataCursor index = metadata.cursor(
                    superblock.inodeTableStart(),
                    superblock.directoryTableStart(),
                    layout.indexBlock(),
                    layout.indexOffset());
            long previous = -1;
            for (int i = 0; i < layout.indexCount(); i++) {
                long at = index.u32();
                long block = index.u32();
                long nameSize = index.u32() + 1;
                if (nameSize > MAX_NAME) {
                    throw index.malformed("directory index name of " + nameSize + " bytes");
                }
                byte[] first = index.bytes((int) nameSize);
                if (at <= previous || at >= layout.listingSize()) {
                    throw index.malformed("directory index position " + at + " is out of order or past the listing");
                }
                previous = at;
                if (Arrays.compareUnsigned(first, wanted) > 0) {
                    break;
                }
                startBlock = block;
                startOffset = (int) ((layout.offset() + at) % MetadataReader.BLOCK_SIZE);
                consumed = at;
            }
        }
        ImageNode[] found = new ImageNode[1];
        scan(dir, layout, startBlock, startOffset, consumed, entry -> {
            int order = Arrays.compareUnsigned(entry.rawName(), wanted);
            if (order == 0) {
                found[0] = entry.resolve();
            }
            return order < 0;
        });
        return Optional.ofNullable(found[0]);
    }

    /** One directory entry before its inode is read. */
    private final class Entry {
        private final SquashfsNode directory;
        private final MetadataCursor at;
        private final long reference;
        private final long number;
        private final int type;
        private final byte[] rawName;

        Entry(SquashfsNode directory, MetadataCursor at, long reference, long number, int type, byte[] rawName) {
            this.directory = directory;
            this.at = at;
            this.reference = reference;
            this.number = number;
            this.type = type;
            this.rawName = rawName;
        }

        byte[] rawName() {
            return rawName;
        }

        SquashfsNode resolve() throws IOException {
            String name = new String(rawName, StandardCharsets.UTF_8);
            SquashfsNode node = inode(reference, name);
            if (node.inodeNumber() != number) {
                throw at.malformed("directory entry " + name + " says inode " + number + " but its inode is number "
                        + node.inodeNumber());
            }
            if (basicType(node.type()) != type) {
                throw at.malformed(
                        "directory entry " + name + " has type " + type + " but its inode is a " + node.type());
            }
            if (node.type() == NodeType.DIRECTORY
                    && (node.inodeNumber() == directory.inodeNumber() || node.inodeNumber() == root.inodeNumber())) {
                throw at.malformed("directory entry " + name + " points back at its own directory or the root");
            }
            return node;
        }
    }

    @FunctionalInterface
    private interface EntryVisitor {
        /** Returns whether to go on. */
        boolean visit(Entry entry) throws IOException;
    }

    private static int basicType(NodeType type) {
        return switch (type) {
            case DIRECTORY -> 1;
            case FILE -> 2;
            case SYMLINK -> 3;
            case BLOCK_DEVICE -> 4;
            case CHARACTER_DEVICE -> 5;
            case FIFO -> 6;
            case SOCKET -> 7;
        };
    }

    /** Walks a listing from (block, offset), {@code consumed} bytes into it, checking every count against its size. */
    private void scan(
            SquashfsNode directory,
            SquashfsNode.Layout.Directory layout,
            long block,
            int offset,
            long consumed,
            EntryVisitor visitor)
            throws IOException {
        long size = layout.listingSize();
        if (consumed >= size) {
            return;
        }
        long tableStart = superblock.directoryTableStart();
        if (block >= superblock.bytesUsed() - tableStart) {
            throw new MalformedImageException(
                    source.name(),
                    tableStart,
                    "directory listing block " + block + " lies outside the directory table");
        }
        MetadataCursor c = metadata.cursor(tableStart, superblock.bytesUsed(), tableStart + block, offset);
        long entries = 0;
        while (consumed < size) {
            if (size - consumed < 12) {
                throw c.malformed("directory header runs past the directory's " + size + "-byte listing");
            }
            long count = c.u32() + 1;
            long inodeBlock = c.u32();
            long base = c.u32();
            consumed += 12;
            if (count > MAX_HEADER_ENTRIES) {
                throw c.malformed("directory header claims " + count + " entries (at most 256)");
            }
            for (long i = 0; i < count; i++) {
                if (size - consumed < 8) {
                    throw c.malformed("directory entry runs past the directory's " + size + "-byte listing");
                }
                int inodeOffset = c.u16();
                int delta = (short) c.u16();
                int type = c.u16();
                int nameSize = c.u16() + 1;
                consumed += 8;
                if (nameSize > MAX_NAME || nameSize > size - consumed) {
                    throw c.malformed("directory entry name of " + nameSize + " bytes runs past the listing");
                }
                byte[] name = c.bytes(nameSize);
                consumed += nameSize;
                checkName(c, name);
                if (type < 1 || type > 7) {
                    throw c.malformed("directory entry has type " + type + ", not a basic inode type 1..7");
                }
                long number = base + delta;
                if (number < 1 || number > superblock.inodeCount()) {
                    throw c.malformed(
                            "directory entry names inode " + number + ", outside 1.." + superblock.inodeCount());
                }
                if (inodeOffset >= MetadataReader.BLOCK_SIZE) {
                    throw c.malformed("directory entry's inode offset " + inodeOffset + " is past a metadata block");
                }
                if (++entries > MAX_DIRECTORY_ENTRIES) {
                    throw c.malformed("directory has more than " + MAX_DIRECTORY_ENTRIES + " entries");
                }
                if (!visitor.visit(new Entry(directory, c, inodeBlock << 16 | inodeOffset, number, type, name))) {
                    return;
                }
            }
        }
    }

    private static void checkName(MetadataCursor c, byte[] name) throws MalformedImageException {
        for (byte b : name) {
            if (b == '/' || b == 0) {
                throw c.malformed("directory entry name contains '/' or NUL");
            }
        }
        if ((name.length == 1 && name[0] == '.') || (name.length == 2 && name[0] == '.' && name[1] == '.')) {
            throw c.malformed("directory entry named . or ..");
        }
    }

    /**
     * Visits every node below the root, depth first in listing order, without recursion. A directory reached twice
     * is a loop (squashfs directories cannot be hard-linked) and fails instead of being walked again.
     */
    public void walk(NodeVisitor visitor) throws IOException {
        Set<Long> seen = new HashSet<>();
        seen.add(root.inodeNumber());
        Deque<Map.Entry<String, SquashfsNode>> pending = new ArrayDeque<>();
        pending.push(Map.entry("", root));
        while (!pending.isEmpty()) {
            Map.Entry<String, SquashfsNode> next = pending.pop();
            List<ImageNode> kids = children(next.getValue());
            for (int i = kids.size() - 1; i >= 0; i--) {
                SquashfsNode kid = (SquashfsNode) kids.get(i);
                String path = next.getKey() + "/" + kid.name();
                if (kid.type() == NodeType.DIRECTORY) {
                    if (!seen.add(kid.inodeNumber())) {
                        throw new MalformedImageException(
                                source.name(), superblock.directoryTableStart(), "directory loop at " + path);
                    }
                    pending.push(Map.entry(path, kid));
                }
            }
            for (ImageNode kid : kids) {
                visitor.visit(next.getKey() + "/" + kid.name(), (SquashfsNode) kid);
            }
        }
    }

    /** Receives each node of {@link #walk(NodeVisitor)} with its absolute path. */
    @FunctionalInterface
    public interface NodeVisitor {
        void visit(String path, SquashfsNode node) throws IOException;
    }

    // ---- file data -------------------------------------------------------------------------------------------

    @Override
    public SeekableByteChannel open(ImageNode file) throws IOException {
        if (!(file instanceof SquashfsNode node) || !(node.layout() instanceof SquashfsNode.Layout.File layout)) {
            throw new IOException(file.name() + " is not a regular file");
        }
        return new FileDataChannel(this, node, layout);
    }

    int blockSize() {
        return superblock.blockSize();
    }

    MetadataCursor blockList(SquashfsNode.Layout.File layout) throws IOException {
        return blockListAt(layout.listBlock(), layout.listOffset());
    }

    MetadataCursor blockListAt(long blockPosition, int offset) throws IOException {
        return metadata.cursor(superblock.inodeTableStart(), superblock.directoryTableStart(), blockPosition, offset);
    }

    /**
     * Reads the data block described by {@code entry} (on-disk size, uncompressed bit) at {@code position} into
     * {@code dst}, which must receive exactly {@code expected} bytes. A zero size is a sparse block of zeros.
     *
     * @param scratch a buffer for the compressed bytes, or null; the one used is returned for the next call
     */
    byte[] readDataBlock(long position, long entry, byte[] dst, int expected, byte[] scratch) throws IOException {
        if ((entry & ~(DATA_SIZE_MASK | DATA_UNCOMPRESSED)) != 0) {
            throw new MalformedImageException(
                    source.name(), position, "data block size word " + Long.toHexString(entry) + " has unknown bits");
        }
        int stored = (int) (entry & DATA_SIZE_MASK);
        if (stored == 0) {
            Arrays.fill(dst, 0, expected, (byte) 0);
            return scratch;
        }
        byte[] buffer = scratch != null && scratch.length >= stored
                ? scratch
                : new byte[Math.min(stored, superblock.blockSize())];
        int n = readBlock(position, stored, (entry & DATA_UNCOMPRESSED) == 0, dst, buffer, "data block");
        if (n != expected) {
            throw new MalformedImageException(
                    source.name(), position, "data block holds " + n + " bytes where the file needs " + expected);
        }
        return buffer;
    }

    private int readBlock(long position, int stored, boolean compressed, byte[] dst, byte[] scratch, String what)
            throws IOException {
        int blockSize = superblock.blockSize();
        if (stored > blockSize) {
            throw new MalformedImageException(
                    source.name(),
                    position,
                    what + " of " + stored + " bytes is larger than the " + blockSize + "-byte block size");
        }
        if (position < Superblock.SIZE || position > superblock.bytesUsed() - stored) {
            throw new MalformedImageException(
                    source.name(), position, what + " of " + stored + " bytes lies outside the image");
        }
        if (!compressed) {
            if (stored > dst.length) {
                throw new MalformedImageException(
                        source.name(), position, what + " of " + stored + " bytes is larger than its content");
            }
            source.readFully(ByteBuffer.wrap(dst, 0, stored), position);
            return stored;
        }
        source.readFully(ByteBuffer.wrap(scratch, 0, stored), position);
        try {
            // dst is sized to what the block may hold (at most a block), so more output is refused as a bomb.
            return decompressor.decompress(scratch, 0, stored, dst, dst.length);
        } catch (DecompressionException e) {
            throw new MalformedImageException(source.name(), position, what + ": " + e.getMessage());
        }
    }

    /** The decoded fragment block {@code index}, from a small cache. */
    byte[] fragmentBlock(long index) throws IOException {
        byte[] cached = fragmentBlocks.get(index);
        if (cached != null) {
            return cached;
        }
        if (fragments == null) {
            throw new MalformedImageException(
                    source.name(), superblock.fragmentTableStart(), "the image has no fragment table");
        }
        MetadataCursor entry = fragments.entry(index);
        long start = entry.s64();
        long sizeWord = entry.u32();
        entry.u32(); // unused
        if ((sizeWord & ~(DATA_SIZE_MASK | DATA_UNCOMPRESSED)) != 0 || (sizeWord & DATA_SIZE_MASK) == 0) {
            throw entry.malformed("fragment " + index + " has size word " + Long.toHexString(sizeWord));
        }
        int blockSize = superblock.blockSize();
        byte[] out = new byte[blockSize];
        int n = readBlock(
                start,
                (int) (sizeWord & DATA_SIZE_MASK),
                (sizeWord & DATA_UNCOMPRESSED) == 0,
                out,
                new byte[blockSize],
                "fragment block");
        byte[] block = n == blockSize ? out : Arrays.copyOf(out, n);
        fragmentBlocks.put(index, block);
        return block;
    }
}
