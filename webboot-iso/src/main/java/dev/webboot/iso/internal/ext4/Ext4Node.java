package dev.webboot.iso.internal.ext4;

import dev.webboot.iso.internal.fs.ImageNode;
import dev.webboot.iso.internal.fs.NodeType;
import java.nio.file.attribute.FileTime;

/**
 * An ext2/3/4 inode under the name a directory entry gave it.
 *
 * @param linkTarget a symlink's target, read when the node was listed; {@code ""} for anything else
 */
public record Ext4Node(String name, Ext4Inode inode, String linkTarget) implements ImageNode {

    /** The inode number, which is the file key: hard links share it. */
    public long inodeNumber() {
        return inode.number();
    }

    @Override
    public NodeType type() {
        return inode.type();
    }

    @Override
    public long size() {
        return switch (inode.type()) {
            case FILE, DIRECTORY, SYMLINK -> inode.size();
            default -> 0;
        };
    }

    @Override
    public Object fileKey() {
        return inode.number();
    }

    @Override
    public int permissions() {
        return inode.permissions();
    }

    @Override
    public int uid() {
        return inode.uid();
    }

    @Override
    public int gid() {
        return inode.gid();
    }

    @Override
    public long linkCount() {
        return inode.linkCount();
    }

    @Override
    public long deviceNumber() {
        return inode.type() == NodeType.BLOCK_DEVICE || inode.type() == NodeType.CHARACTER_DEVICE
                ? inode.deviceNumber()
                : 0;
    }

    @Override
    public FileTime lastModifiedTime() {
        return inode.modificationTime();
    }

    @Override
    public FileTime lastAccessTime() {
        return inode.accessTime();
    }

    /** The inode-change time ({@code i_ctime}). */
    @Override
    public FileTime creationTime() {
        return inode.changeTime();
    }
}
