package dev.webboot.iso.internal.initramfs;

import dev.webboot.iso.initramfs.InitramfsMember;
import dev.webboot.iso.initramfs.MemberType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks paths up in an unpacked tree the way the kernel's path walk does: symlinks in parent directories are
 * followed (at most 40, as {@code MAXSYMLINKS}), the last component is not.
 */
public final class TreeResolver {
    private static final int MAX_SYMLINKS = 40;

    private final Map<String, InitramfsIndex.Node> tree;
    private final List<InitramfsMember> members;

    public TreeResolver(Map<String, InitramfsIndex.Node> tree, List<InitramfsMember> members) {
        this.tree = tree;
        this.members = members;
    }

    /**
     * The tree key of a normalized path whose parent directories exist (through symlinks): the real parent joined
     * with the last name, whether or not that name exists yet. Empty when a parent is missing or not a directory.
     */
    public Optional<String> place(String path) {
        if (path.equals("/")) {
            return Optional.of(path);
        }
        Optional<String> parent = directory(InitramfsPaths.parent(path));
        String name = path.substring(path.lastIndexOf('/') + 1);
        return parent.map(p -> p.equals("/") ? "/" + name : p + "/" + name);
    }

    /** The tree key of an existing path (parents followed, the last component not), or empty. */
    public Optional<String> lookup(String path) {
        return place(path).filter(key -> key.equals("/") || tree.containsKey(key));
    }

    /**
     * The real directory a normalized path names, following symlinks anywhere in it. Iterative, so that deep paths
     * and long symlink chains cannot exhaust the stack.
     */
    private Optional<String> directory(String path) {
        Deque<String> todo = new ArrayDeque<>(List.of(path.split("/")));
        String current = "/";
        int hops = 0;
        while (!todo.isEmpty()) {
            String name = todo.pollFirst();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                current = InitramfsPaths.parent(current);
                continue;
            }
            String candidate = current.equals("/") ? "/" + name : current + "/" + name;
            InitramfsIndex.Node node = tree.get(candidate);
            if (node == null) {
                return Optional.empty();
            }
            InitramfsMember member = members.get(node.member());
            if (member.type() == MemberType.DIRECTORY) {
                current = candidate;
            } else if (member.type() == MemberType.SYMLINK && ++hops <= MAX_SYMLINKS) {
                String target = member.linkTarget();
                if (target.startsWith("/")) {
                    current = "/";
                }
                String[] parts = target.split("/");
                for (int i = parts.length - 1; i >= 0; i--) {
                    todo.addFirst(parts[i]);
                }
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }
}
