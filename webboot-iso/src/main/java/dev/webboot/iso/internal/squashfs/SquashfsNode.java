package dev.webboot.iso.internal.squashfs;

import dev.webboot.iso.internal.fs.ImageNode;
import dev.webboot.iso.internal.fs.NodeType;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * A decoded squashfs inode under the name a directory entry gave it. Squashfs records only a modification time, so
 * it is also reported as the access and creation time.
 *
 * @param inodeNumber the inode number, which is the file key: hard links share it
 * @param inodeReference where the inode is (metadata block relative to the inode table {@code << 16 |} offset)
 * @param layout where a directory's listing or a regular file's data is; {@link Layout.None} otherwise
 */
public record SquashfsNode(
        String name,
        NodeType type,
        long inodeNumber,
        long inodeReference,
        int permissions,
        int uid,
        int gid,
        long modificationSeconds,
        long size,
        String linkTarget,
        long linkCount,
        long deviceNumber,
        Map<String, byte[]> extendedAttributes,
        Layout layout)
        implements ImageNode {

    public SquashfsNode {
        extendedAttributes = Map.copyOf(extendedAttributes);
    }

    /** Format-specific placement of a node's contents. */
    public sealed interface Layout {
        /** Devices, fifos, sockets and symlinks (whose target is in the inode). */
        record None() implements Layout {}

        /**
         * A directory listing of {@code listingSize} bytes starting at byte {@code offset} of the metadata block
         * {@code block} (relative to the directory table); extended directories add {@code indexCount} index
         * entries at ({@code indexBlock}, {@code indexOffset}) in the inode table.
         */
        record Directory(long block, int offset, long listingSize, int indexCount, long indexBlock, int indexOffset)
                implements Layout {}

        /**
         * A regular file: {@code blockCount} full-or-last blocks from {@code blocksStart}, their sizes listed at
         * ({@code listBlock}, {@code listOffset}) in the inode table, and a tail in fragment {@code fragment} (or
         * {@link #NO_FRAGMENT}) at {@code fragmentOffset}.
         */
        record File(
                long blocksStart, long blockCount, long listBlock, int listOffset, long fragment, int fragmentOffset)
                implements Layout {
            public static final long NO_FRAGMENT = 0xffffffffL;

            public boolean hasFragment() {
                return fragment != NO_FRAGMENT;
            }
        }
    }

    @Override
    public Object fileKey() {
        return inodeNumber;
    }

    @Override
    public FileTime lastModifiedTime() {
        return FileTime.fromMillis(modificationSeconds * 1000);
    }

    @Override
    public FileTime lastAccessTime() {
        return lastModifiedTime();
    }

    @Override
    public FileTime creationTime() {
        return lastModifiedTime();
    }

    /** A copy of this node under another name (the root is read without one). */
    SquashfsNode named(String newName) {
        return new SquashfsNode(
                newName,
                type,
                inodeNumber,
                inodeReference,
                permissions,
                uid,
                gid,
                modificationSeconds,
                size,
                linkTarget,
                linkCount,
                deviceNumber,
                extendedAttributes,
                layout);
    }
}
