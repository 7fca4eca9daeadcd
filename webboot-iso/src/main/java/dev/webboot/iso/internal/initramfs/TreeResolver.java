package dev.webboot.iso.internal.initramfs;

import dev.webboot.iso.initramfs.InitramfsMember;
import dev.webboot.iso.initramfs.MemberType;
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
        int[] hops = {0};
        Optional<String> parent = directory(InitramfsPaths.parent(path), hops);
        String name = path.substring(path.lastIndexOf('/') + 1);
        return parent.map(p -> p.equals("/") ? "/" + name : p + "/" + name);
    }

    /** The tree key of an existing path (parents followed, the last component not), or empty. */
    public Optional<String> lookup(String path) {
        return place(path).filter(key -> key.equals("/") || tree.containsKey(key));
    }

    /** The real directory a normalized path names, following symlinks anywhere in it. */
    private Optional<String> directory(String path, int[] hops) {
        if (path.equals("/")) {
            return Optional.of(path);
        }
        Optional<String> parent = directory(InitramfsPaths.parent(path), hops);
        if (parent.isEmpty()) {
            return Optional.empty();
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        String current = parent.get().equals("/") ? "/" + name : parent.get() + "/" + name;
        while (true) {
            InitramfsIndex.Node node = tree.get(current);
            if (node == null) {
                return Optional.empty();
            }
            InitramfsMember member = members.get(node.member());
            if (member.type() == MemberType.DIRECTORY) {
                return Optional.of(current);
            }
            if (member.type() != MemberType.SYMLINK || ++hops[0] > MAX_SYMLINKS) {
                return Optional.empty();
            }
            String target = member.linkTarget();
            String joined = target.startsWith("/") ? target : InitramfsPaths.parent(current) + "/" + target;
            Optional<String> next = directory(InitramfsPaths.normalize(joined), hops);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            return next;
        }
    }
}
