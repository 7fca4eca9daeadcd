package dev.webboot.iso.internal.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Read-only attribute views; every setter refuses because images are never modified. */
final class ImageAttributeViews {
    private ImageAttributeViews() {}

    /** Resolves the entry when asked, so that a view can be created for a path that does not exist (as the JDK does). */
    interface Lookup {
        ImageFileAttributes attributes() throws IOException;
    }

    static final class Posix implements PosixFileAttributeView {
        private final Lookup lookup;
        private final String name;

        Posix(Lookup lookup, String name) {
            this.lookup = lookup;
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public ImageFileAttributes readAttributes() throws IOException {
            return lookup.attributes();
        }

        @Override
        public void setTimes(FileTime lastModifiedTime, FileTime lastAccessTime, FileTime createTime) {
            throw new ReadOnlyFileSystemException();
        }

        @Override
        public void setPermissions(Set<PosixFilePermission> perms) {
            throw new ReadOnlyFileSystemException();
        }

        @Override
        public void setGroup(GroupPrincipal group) {
            throw new ReadOnlyFileSystemException();
        }

        @Override
        public UserPrincipal getOwner() throws IOException {
            return readAttributes().owner();
        }

        @Override
        public void setOwner(UserPrincipal owner) {
            throw new ReadOnlyFileSystemException();
        }
    }

    /** The {@code user.*} extended attributes, named without the prefix, as on Linux. */
    static final class User implements UserDefinedFileAttributeView {
        private static final String PREFIX = "user.";
        private final Lookup lookup;

        User(Lookup lookup) {
            this.lookup = lookup;
        }

        @Override
        public String name() {
            return "user";
        }

        private Map<String, byte[]> all() throws IOException {
            return lookup.attributes().node().extendedAttributes();
        }

        @Override
        public List<String> list() throws IOException {
            List<String> names = new ArrayList<>();
            for (String key : all().keySet()) {
                if (key.startsWith(PREFIX)) {
                    names.add(key.substring(PREFIX.length()));
                }
            }
            return names;
        }

        @Override
        public int size(String name) throws IOException {
            return value(name).length;
        }

        @Override
        public int read(String name, ByteBuffer dst) throws IOException {
            byte[] value = value(name);
            if (dst.remaining() < value.length) {
                throw new IOException("buffer of " + dst.remaining() + " bytes is too small for " + value.length);
            }
            dst.put(value);
            return value.length;
        }

        private byte[] value(String name) throws IOException {
            byte[] value = all().get(PREFIX + name);
            if (value == null) {
                throw new java.nio.file.FileSystemException(null, null, "no extended attribute user." + name);
            }
            return value;
        }

        @Override
        public int write(String name, ByteBuffer src) {
            throw new ReadOnlyFileSystemException();
        }

        @Override
        public void delete(String name) {
            throw new ReadOnlyFileSystemException();
        }
    }
}
