package dev.webboot.iso.internal.fs;

import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * One entry of an image as its format reader decoded it. Formats implement this with their own record, carrying
 * whatever they need to list or read the entry again (an extent, an inode reference).
 */
public interface ImageNode {

    /** The entry's name in its directory; {@code ""} for the root. Never contains {@code '/'} or NUL. */
    String name();

    NodeType type();

    /** Bytes of a regular file's content; the target's length for a symlink; a format-defined size otherwise. */
    long size();

    /** The symlink's target; {@code ""} for anything else. */
    String linkTarget();

    /**
     * The identity of the underlying inode: equal for hard links to one file, and distinct for distinct directories
     * (the file system detects directory loops with it). Must implement {@code equals}/{@code hashCode}.
     */
    Object fileKey();

    /** Permission bits (07777) of the POSIX mode; formats without them report 0555 for directories, 0444 for files. */
    int permissions();

    int uid();

    int gid();

    long linkCount();

    /** {@code major << 32 | minor} for device nodes, 0 otherwise. */
    long deviceNumber();

    FileTime lastModifiedTime();

    FileTime lastAccessTime();

    /** The inode-change or creation time the format records (ISO 9660: the recording date). */
    FileTime creationTime();

    /**
     * The byte offset in the image of the record this entry was read from (an ISO 9660 directory record), for
     * messages; -1 when the format does not say.
     */
    default long recordOffset() {
        return -1;
    }

    /** Extended attributes, full names such as {@code user.comment} or {@code security.capability}. */
    default Map<String, byte[]> extendedAttributes() {
        return Map.of();
    }
}
