package dev.webboot.iso.internal.fs;

import dev.webboot.iso.ImageFileSystem;
import dev.webboot.iso.ImageSource;
import dev.webboot.iso.ImageSources;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A tree built in memory by a test, to exercise the generic file system without any format. */
final class MemoryTree implements ImageTree {
    record Node(
            String name,
            NodeType type,
            long size,
            String linkTarget,
            Object fileKey,
            int permissions,
            Map<String, byte[]> extendedAttributes,
            byte[] content)
            implements ImageNode {
        @Override
        public int uid() {
            return 1000;
        }

        @Override
        public int gid() {
            return 100;
        }

        @Override
        public long linkCount() {
            return 1;
        }

        @Override
        public long deviceNumber() {
            return 0;
        }

        @Override
        public FileTime lastModifiedTime() {
            return FileTime.fromMillis(1_700_000_000_000L);
        }

        @Override
        public FileTime lastAccessTime() {
            return lastModifiedTime();
        }

        @Override
        public FileTime creationTime() {
            return lastModifiedTime();
        }
    }

    private final Map<Object, List<ImageNode>> children = new HashMap<>();
    private final Node root = new Node("", NodeType.DIRECTORY, 0, "", 1L, 0755, Map.of(), new byte[0]);
    private long nextKey = 2;
    private final ImageSource source = new ImageSource() {
        @Override
        public String name() {
            return "memory.img";
        }

        @Override
        public long size() {
            return 4096;
        }

        @Override
        public int read(ByteBuffer dst, long position) {
            return -1;
        }

        @Override
        public void close() {}
    };

    Node dir(Node parent, String name) {
        return add(parent, new Node(name, NodeType.DIRECTORY, 0, "", nextKey++, 0755, Map.of(), new byte[0]));
    }

    /** A directory entry that reuses another directory's key: what a looping image looks like. */
    Node alias(Node parent, String name, Node target) {
        return add(parent, new Node(name, NodeType.DIRECTORY, 0, "", target.fileKey(), 0755, Map.of(), new byte[0]));
    }

    Node file(Node parent, String name, String content) {
        byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return add(
                parent,
                new Node(name, NodeType.FILE, bytes.length, "", nextKey++, 0644, Map.of("user.note", bytes), bytes));
    }

    Node link(Node parent, String name, String target) {
        return add(
                parent,
                new Node(name, NodeType.SYMLINK, target.length(), target, nextKey++, 0777, Map.of(), new byte[0]));
    }

    private Node add(Node parent, Node child) {
        children.computeIfAbsent(parent.fileKey(), k -> new ArrayList<>()).add(child);
        children.computeIfAbsent(child.fileKey(), k -> new ArrayList<>());
        return child;
    }

    Node rootNode() {
        return root;
    }

    ImageFileSystem fileSystem() {
        return new TestFileSystem(this);
    }

    @Override
    public ImageSource source() {
        return source;
    }

    @Override
    public ImageNode root() {
        return root;
    }

    @Override
    public List<ImageNode> children(ImageNode directory) {
        return children.getOrDefault(directory.fileKey(), List.of());
    }

    @Override
    public SeekableByteChannel open(ImageNode file) throws IOException {
        byte[] content = ((Node) file).content();
        ImageSource bytes = new ImageSource() {
            @Override
            public String name() {
                return file.name();
            }

            @Override
            public long size() {
                return content.length;
            }

            @Override
            public int read(ByteBuffer dst, long position) {
                if (position >= content.length) {
                    return -1;
                }
                int n = (int) Math.min(dst.remaining(), content.length - position);
                dst.put(content, (int) position, n);
                return n;
            }

            @Override
            public void close() {}
        };
        return ImageSources.channel(bytes);
    }

    @Override
    public void close() {}

    static final class TestProvider extends ImageFileSystemProvider {
        TestProvider() {
            super("memory");
        }

        @Override
        protected boolean recognizes(ImageSource source) {
            return false;
        }

        @Override
        protected ImageFileSystem open(ImageSource source) {
            throw new UnsupportedOperationException();
        }
    }

    static final class TestFileSystem extends ImageFileSystem {
        TestFileSystem(MemoryTree tree) {
            super(FileSystemAccess.implementation(new TestProvider(), tree));
        }
    }
}
