package dev.webboot.iso.internal.initramfs;

import java.util.ArrayDeque;
import java.util.Deque;

/** Paths as the kernel resolves member names against the root of rootfs. */
public final class InitramfsPaths {
    private InitramfsPaths() {}

    /**
     * The absolute form of a member name or user path: {@code ./lib//x}, {@code lib/x} and {@code /lib/x} are all
     * {@code /lib/x}; {@code .} and the empty name are {@code /}; {@code ..} stops at the root, as it does there.
     */
    public static String normalize(String name) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return parts.isEmpty() ? "/" : "/" + String.join("/", parts);
    }

    /** The parent of a normalized path ({@code /} for {@code /} itself). */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
