package dev.webboot.iso.internal.iso9660;

import dev.webboot.iso.internal.fs.ImageNode;
import dev.webboot.iso.internal.fs.NodeType;
import dev.webboot.iso.iso9660.Extent;
import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * One entry of an ISO 9660 tree. Besides its attributes it keeps where its bytes are (the extents of a file, the
 * directory's own extent), the directory record it came from, and its parent, which loop detection walks.
 */
public final class IsoNode implements ImageNode {
    private final String name;
    private final NodeType type;
    private final long size;
    private final String linkTarget;
    private final FileKey fileKey;
    private final int permissions;
    private final int uid;
    private final int gid;
    private final long linkCount;
    private final long deviceNumber;
    private final FileTime modified;
    private final FileTime accessed;
    private final FileTime created;
    private final List<Extent> extents;
    private final long recordOffset;
    private final IsoNode parent;
    private final int depth;
    private final long interleavedAt;
    private final int zisofsBlockShift;

    IsoNode(
            String name,
            NodeType type,
            long size,
            String linkTarget,
            FileKey fileKey,
            int permissions,
            int uid,
            int gid,
            long linkCount,
            long deviceNumber,
            FileTime modified,
            FileTime accessed,
            FileTime created,
            List<Extent> extents,
            long recordOffset,
            IsoNode parent,
            long interleavedAt,
            int zisofsBlockShift) {
        this.name = name;
        this.type = type;
        this.size = size;
        this.linkTarget = linkTarget;
        this.fileKey = fileKey;
        this.permissions = permissions;
        this.uid = uid;
        this.gid = gid;
        this.linkCount = linkCount;
        this.deviceNumber = deviceNumber;
        this.modified = modified;
        this.accessed = accessed;
        this.created = created;
        this.extents = List.copyOf(extents);
        this.recordOffset = recordOffset;
        this.parent = parent;
        this.depth = parent == null ? 0 : parent.depth + 1;
        this.interleavedAt = interleavedAt;
        this.zisofsBlockShift = zisofsBlockShift;
    }

    /**
     * The identity of a node's inode: a Rock Ridge serial number, an extent's byte offset, or (for entries without
     * data of their own) the byte offset of their directory record. The kind keeps the three number spaces apart.
     */
    public record FileKey(char kind, long value) {
        static FileKey inode(long inode) {
            return new FileKey('i', inode);
        }

        static FileKey extent(long offset) {
            return new FileKey('e', offset);
        }

        static FileKey record(long offset) {
            return new FileKey('r', offset);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public NodeType type() {
        return type;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public String linkTarget() {
        return linkTarget;
    }

    @Override
    public FileKey fileKey() {
        return fileKey;
    }

    @Override
    public int permissions() {
        return permissions;
    }

    @Override
    public int uid() {
        return uid;
    }

    @Override
    public int gid() {
        return gid;
    }

    @Override
    public long linkCount() {
        return linkCount;
    }

    @Override
    public long deviceNumber() {
        return deviceNumber;
    }

    @Override
    public FileTime lastModifiedTime() {
        return modified;
    }

    @Override
    public FileTime lastAccessTime() {
        return accessed;
    }

    @Override
    public FileTime creationTime() {
        return created;
    }

    /**
     * Where the content lies: a file's extents in order (one per directory record of a multi-extent file, none for
     * an empty file), or a directory's one extent of directory records. For a zisofs-compressed file these are the
     * stored, compressed bytes.
     */
    public List<Extent> extents() {
        return extents;
    }

    /** The byte offset of the directory record this node was read from. */
    @Override
    public long recordOffset() {
        return recordOffset;
    }

    /** The directory this node was listed in; {@code null} for the root. */
    IsoNode parent() {
        return parent;
    }

    int depth() {
        return depth;
    }

    /**
     * The offset of the file-unit-size field of an interleaved file's record, which this reader cannot read (Linux
     * cannot either); -1 for every other node.
     */
    long interleavedAt() {
        return interleavedAt;
    }

    /** For a zisofs-compressed file, the log2 of its block size; 0 for a file stored as is. */
    int zisofsBlockShift() {
        return zisofsBlockShift;
    }

    @Override
    public String toString() {
        return type + " " + name + " " + size;
    }
}
