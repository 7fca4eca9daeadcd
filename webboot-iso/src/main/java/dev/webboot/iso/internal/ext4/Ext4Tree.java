package dev.webboot.iso.internal.ext4;

import dev.webboot.iso.Fields;
import dev.webboot.iso.ImageSource;
import dev.webboot.iso.MalformedImageException;
import dev.webboot.iso.internal.fs.ImageNode;
import dev.webboot.iso.internal.fs.ImageTree;
import dev.webboot.iso.internal.fs.NodeType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An ext2/3/4 image as an {@link ImageTree}. Opening reads and checks the superblock and the root inode; group
 * descriptors, inodes, extent nodes, map blocks and directory blocks are read on demand through a small block cache.
 * Directories, hashed ones included, are read as the linear list of entries in their leaf blocks.
 */
public final class Ext4Tree implements ImageTree {
    /** More entries than this in one directory is taken as a corrupt directory, not one to hold in memory. */
    static final int MAX_DIRECTORY_ENTRIES = 1 << 20;

    static final long ROOT_INODE = 2;
    private static final int MAX_NAME = 255;
    private static final int MAX_SYMLINK = 65536;
    private static final int GROUP_INODE_UNINIT = 0x1;

    private final ImageSource source;
    private final boolean closeSource;
    private final Ext4Superblock superblock;
    private final BlockCache cache;
    private final Ext4Node root;

    private Ext4Tree(ImageSource source, boolean closeSource) throws IOException {
        this.source = source;
        this.closeSource = closeSource;
        this.superblock = Ext4Superblock.read(source);
        this.cache = new BlockCache(source, superblock.blockSize(), superblock.blocksCount());
        Ext4Inode rootInode = inode(ROOT_INODE, Ext4Superblock.OFFSET);
        if (rootInode.type() != NodeType.DIRECTORY) {
            throw new MalformedImageException(source.name(), rootInode.offset(), "the root inode is not a directory");
        }
        this.root = new Ext4Node("", rootInode, "");
    }

    /**
     * Opens the ext2/3/4 image in {@code source}.
     *
     * @param closeSource whether closing the tree closes {@code source}
     */
    public static Ext4Tree open(ImageSource source, boolean closeSource) throws IOException {
        try {
            return new Ext4Tree(source, closeSource);
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

    public Ext4Superblock superblock() {
        return superblock;
    }

    @Override
    public ImageSource source() {
        return source;
    }

    @Override
    public Ext4Node root() {
        return root;
    }

    @Override
    public void close() throws IOException {
        if (closeSource) {
            source.close();
        }
    }

    int blockSize() {
        return superblock.blockSize();
    }

    byte[] metadataBlock(long number, long referencedAt, String what) throws IOException {
        return cache.block(number, referencedAt, what);
    }

    // ---- inodes ----------------------------------------------------------------------------------------------

    /**
     * Reads inode {@code number}.
     *
     * @param referencedAt the absolute offset of the field that named it, for messages
     */
    Ext4Inode inode(long number, long referencedAt) throws IOException {
        if (number < 1 || number > superblock.inodesCount()) {
            throw new MalformedImageException(
                    source.name(), referencedAt, "inode " + number + " is outside 1.." + superblock.inodesCount());
        }
        long group = (number - 1) / superblock.inodesPerGroup();
        long index = (number - 1) % superblock.inodesPerGroup();
        Fields descriptor = descriptor(group);
        long table = descriptor.u32le(0x8);
        long unused = descriptor.u16le(0x1C);
        if (superblock.descriptorSize() >= 64) {
            table |= descriptor.u32le(0x28) << 32;
            unused |= (long) descriptor.u16le(0x32) << 16;
        }
        if (superblock.groupsTrackUnusedInodes()
                && ((descriptor.u16le(0x12) & GROUP_INODE_UNINIT) != 0
                        || index >= superblock.inodesPerGroup() - unused)) {
            throw new MalformedImageException(
                    source.name(),
                    referencedAt,
                    "inode " + number + " is in the unused part of group " + group + "'s inode table");
        }
        long tableBlocks = (superblock.inodesPerGroup() * superblock.inodeSize() + blockSize() - 1) / blockSize();
        if (table <= 0 || table > superblock.blocksCount() - tableBlocks) {
            throw descriptor.malformed(
                    0x8, "group " + group + "'s inode table at block " + table + " lies outside the file system");
        }
        long byteOffset = index * superblock.inodeSize();
        long block = table + byteOffset / blockSize();
        int within = (int) (byteOffset % blockSize());
        byte[] data = cache.block(block, descriptor.offsetOf(0x8), "inode table");
        Fields f = new Fields(source.name(), block * blockSize() + within, data, within, superblock.inodeSize());
        return Ext4Inode.parse(f, number, superblock);
    }

    /** Group {@code group}'s descriptor, from the classic table after the superblock or from its meta group. */
    private Fields descriptor(long group) throws IOException {
        int size = superblock.descriptorSize();
        long perBlock = blockSize() / size;
        long metaGroup = group / perBlock;
        long block;
        if (superblock.hasIncompat(Ext4Superblock.INCOMPAT_META_BG) && metaGroup >= superblock.firstMetaBg()) {
            long first = metaGroup * perBlock;
            block = superblock.firstDataBlock()
                    + first * superblock.blocksPerGroup()
                    + (superblock.hasSuperblock(first) ? 1 : 0);
        } else {
            // The table follows the block holding the superblock: block 2 with 1 KiB blocks (also under bigalloc,
            // whose first data block is 0), else block 1.
            block = Ext4Superblock.OFFSET / blockSize() + 1 + metaGroup;
        }
        int within = (int) (group % perBlock) * size;
        byte[] data = cache.block(block, Ext4Superblock.OFFSET, "group descriptor");
        return new Fields(source.name(), block * blockSize() + within, data, within, size);
    }

    private Ext4Node node(String name, Ext4Inode inode) throws IOException {
        return new Ext4Node(name, inode, inode.type() == NodeType.SYMLINK ? symlinkTarget(inode) : "");
    }

    private String symlinkTarget(Ext4Inode inode) throws IOException {
        long size = inode.size();
        if (size == 0 || size > Math.min(MAX_SYMLINK, blockSize())) {
            throw new MalformedImageException(
                    source.name(), inode.offset() + 0x4, "symlink inode " + inode.number() + " of " + size + " bytes");
        }
        byte[] target;
        if (inode.hasFlag(Ext4Inode.FLAG_INLINE_DATA)) {
            target = inlineContent(inode);
        } else if (inode.isFastSymlink(blockSize())) {
            target = Arrays.copyOf(inode.blockArea(), (int) size);
        } else {
            target = new byte[(int) size];
            try (SeekableByteChannel channel = blockChannel(inode)) {
                ByteBuffer buffer = ByteBuffer.wrap(target);
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // read until the target is complete
                }
            }
        }
        return new String(target, StandardCharsets.UTF_8);
    }

    // ---- file data -------------------------------------------------------------------------------------------

    @Override
    public SeekableByteChannel open(ImageNode file) throws IOException {
        if (!(file instanceof Ext4Node node) || node.type() != NodeType.FILE) {
            throw new IOException(file.name() + " is not a regular file");
        }
        Ext4Inode inode = node.inode();
        if (inode.hasFlag(Ext4Inode.FLAG_INLINE_DATA)) {
            return new InlineDataChannel(inlineContent(inode));
        }
        return blockChannel(inode);
    }

    private SeekableByteChannel blockChannel(Ext4Inode inode) {
        return new Ext4DataChannel(source, mapping(inode), inode.size(), blockSize());
    }

    private BlockMapping mapping(Ext4Inode inode) {
        return inode.hasFlag(Ext4Inode.FLAG_EXTENTS)
                ? new ExtentMapping(this, inode)
                : new IndirectMapping(this, inode);
    }

    /** An inline-data inode's content, exactly {@code i_size} bytes of it. */
    private byte[] inlineContent(Ext4Inode inode) throws MalformedImageException {
        byte[] all = inode.inlineContent();
        if (inode.size() > all.length) {
            throw new MalformedImageException(
                    source.name(),
                    inode.offset() + 0x4,
                    "inline inode " + inode.number() + " of " + inode.size() + " bytes holds only " + all.length);
        }
        return Arrays.copyOf(all, (int) inode.size());
    }

    // ---- directories -----------------------------------------------------------------------------------------

    @Override
    public List<ImageNode> children(ImageNode directory) throws IOException {
        List<ImageNode> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        scan(directory, (name, number, at) -> {
            String text = new String(name, StandardCharsets.UTF_8);
            if (names.add(text)) {
                result.add(node(text, inode(number, at)));
            }
            return true;
        });
        return result;
    }

    @Override
    public Optional<ImageNode> child(ImageNode directory, String name) throws IOException {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        if (wanted.length == 0 || wanted.length > MAX_NAME) {
            return Optional.empty();
        }
        Ext4Node[] found = new Ext4Node[1];
        scan(directory, (entry, number, at) -> {
            if (Arrays.equals(entry, wanted)) {
                found[0] = node(name, inode(number, at));
                return false;
            }
            return true;
        });
        return Optional.ofNullable(found[0]);
    }

    @FunctionalInterface
    private interface EntryVisitor {
        /** Returns whether to go on. {@code at} is the entry's absolute offset. */
        boolean visit(byte[] name, long inode, long at) throws IOException;
    }

    /** Visits a directory's entries in on-disk order, without {@code .}, {@code ..} and unused entries. */
    private void scan(ImageNode directory, EntryVisitor visitor) throws IOException {
        if (!(directory instanceof Ext4Node dir) || dir.type() != NodeType.DIRECTORY) {
            throw new NotDirectoryException(directory.name());
        }
        Ext4Inode inode = dir.inode();
        int[] count = {0};
        if (inode.hasFlag(Ext4Inode.FLAG_INLINE_DATA)) {
            // i_block starts with the parent's inode number; entries fill the rest of it, then system.data.
            byte[] area = inode.blockArea();
            long areaAt = inode.offset() + 0x28;
            if (!entries(new Fields(source.name(), areaAt + 4, area, 4, area.length - 4), visitor, count)) {
                return;
            }
            byte[] tail = inode.inlineTail();
            if (tail.length > 0) {
                entries(new Fields(source.name(), inode.offset(), tail), visitor, count);
            }
            return;
        }
        long size = inode.size();
        if (size % blockSize() != 0) {
            throw new MalformedImageException(
                    source.name(),
                    inode.offset() + 0x4,
                    "directory inode " + inode.number() + " of " + size + " bytes is not whole blocks");
        }
        BlockMapping mapping = mapping(inode);
        long blocks = size / blockSize();
        BlockRun run = null;
        for (long b = 0; b < blocks; b++) {
            if (run == null || !run.contains(b)) {
                run = mapping.run(b);
            }
            if (run.isZeros()) {
                throw new MalformedImageException(
                        source.name(),
                        inode.offset() + 0x28,
                        "directory inode " + inode.number() + " has a hole at block " + b);
            }
            long physical = run.physical() + (b - run.logical());
            byte[] data = cache.block(physical, inode.offset() + 0x28, "directory");
            if (!entries(new Fields(source.name(), physical * blockSize(), data), visitor, count)) {
                return;
            }
        }
    }

    /** The entries packed in one directory block (or inline area); returns whether to go on. */
    private boolean entries(Fields f, EntryVisitor visitor, int[] count) throws IOException {
        boolean fileType = superblock.hasIncompat(Ext4Superblock.INCOMPAT_FILETYPE);
        int at = 0;
        int length = f.length();
        while (at < length) {
            if (length - at < 8) {
                throw f.malformed(at, "directory entry header runs past its block");
            }
            long number = f.u32le(at);
            int recordLength = recordLength(f.u16le(at + 4));
            int nameLength = fileType ? f.u8(at + 6) : f.u16le(at + 6);
            if (recordLength < 8 || recordLength % 4 != 0 || recordLength > length - at) {
                throw f.malformed(at + 4, "directory entry of " + recordLength + " bytes does not fit its block");
            }
            if (number != 0) {
                if (nameLength == 0 || nameLength > MAX_NAME || 8 + nameLength > recordLength) {
                    throw f.malformed(at + 6, "directory entry name of " + nameLength + " bytes");
                }
                byte[] name = f.bytes(at + 8, nameLength);
                if (!isDotOrDotDot(name)) {
                    for (byte b : name) {
                        if (b == '/' || b == 0) {
                            throw f.malformed(at + 8, "directory entry name contains '/' or NUL");
                        }
                    }
                    if (++count[0] > MAX_DIRECTORY_ENTRIES) {
                        throw f.malformed(at, "directory has more than " + MAX_DIRECTORY_ENTRIES + " entries");
                    }
                    if (!visitor.visit(name, number, f.offsetOf(at))) {
                        return false;
                    }
                }
            }
            at += recordLength;
        }
        return true;
    }

    /** {@code rec_len} as stored: 64 KiB blocks encode 65536 as 0 or 65535 and use the low bits as bits 16-17. */
    private int recordLength(int stored) {
        if (blockSize() < 65536) {
            return stored;
        }
        if (stored == 65535 || stored == 0) {
            return blockSize();
        }
        return (stored & 65532) | ((stored & 3) << 16);
    }

    private static boolean isDotOrDotDot(byte[] name) {
        return (name.length == 1 && name[0] == '.') || (name.length == 2 && name[0] == '.' && name[1] == '.');
    }
}
