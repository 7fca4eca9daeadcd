package dev.webboot.iso.internal.fs;

import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The attributes of one image entry, for the basic, posix, unix and xattr views. */
public final class ImageFileAttributes implements PosixFileAttributes {
    private final ImageNode node;

    public ImageFileAttributes(ImageNode node) {
        this.node = node;
    }

    public ImageNode node() {
        return node;
    }

    @Override
    public FileTime lastModifiedTime() {
        return node.lastModifiedTime();
    }

    @Override
    public FileTime lastAccessTime() {
        return node.lastAccessTime();
    }

    @Override
    public FileTime creationTime() {
        return node.creationTime();
    }

    @Override
    public boolean isRegularFile() {
        return node.type() == NodeType.FILE;
    }

    @Override
    public boolean isDirectory() {
        return node.type() == NodeType.DIRECTORY;
    }

    @Override
    public boolean isSymbolicLink() {
        return node.type() == NodeType.SYMLINK;
    }

    @Override
    public boolean isOther() {
        return !isRegularFile() && !isDirectory() && !isSymbolicLink();
    }

    @Override
    public long size() {
        return node.size();
    }

    @Override
    public Object fileKey() {
        return node.fileKey();
    }

    @Override
    public UserPrincipal owner() {
        return new NumericPrincipal(node.uid(), false);
    }

    @Override
    public GroupPrincipal group() {
        return new NumericPrincipal(node.gid(), true);
    }

    @Override
    public Set<PosixFilePermission> permissions() {
        return PosixFilePermissions.fromString(rwx(node.permissions()));
    }

    /** The full POSIX {@code st_mode}: type bits and permission bits. */
    public int mode() {
        return node.type().modeBits() | (node.permissions() & 07777);
    }

    /** The attributes of a view by name: basic, posix, unix, xattr. */
    Map<String, Object> view(String view) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("lastModifiedTime", lastModifiedTime());
        map.put("lastAccessTime", lastAccessTime());
        map.put("creationTime", creationTime());
        map.put("size", size());
        map.put("isRegularFile", isRegularFile());
        map.put("isDirectory", isDirectory());
        map.put("isSymbolicLink", isSymbolicLink());
        map.put("isOther", isOther());
        map.put("fileKey", fileKey());
        if (view.equals("basic")) {
            return map;
        }
        map.put("permissions", permissions());
        map.put("owner", owner());
        map.put("group", group());
        if (view.equals("posix")) {
            return map;
        }
        if (view.equals("unix")) {
            map.put("mode", mode());
            map.put("uid", node.uid());
            map.put("gid", node.gid());
            map.put("nlink", (int) Math.min(Integer.MAX_VALUE, node.linkCount()));
            map.put("rdev", node.deviceNumber());
            map.put("ctime", creationTime());
            if (node.fileKey() instanceof Number inode) {
                map.put("ino", inode.longValue());
            }
            return map;
        }
        if (view.equals("xattr")) {
            return new LinkedHashMap<>(node.extendedAttributes());
        }
        throw new UnsupportedOperationException("no attribute view named '" + view + "'");
    }

    private static String rwx(int permissions) {
        StringBuilder s = new StringBuilder(9);
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((permissions & (0400 >> i)) != 0 ? letters.charAt(i) : '-');
        }
        return s.toString();
    }

    /** Images store numeric owners; no name service is consulted. */
    record NumericPrincipal(int id, boolean isGroup) implements GroupPrincipal {
        @Override
        public String getName() {
            return Integer.toString(id);
        }
    }
}
