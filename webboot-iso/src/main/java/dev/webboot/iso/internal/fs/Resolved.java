package dev.webboot.iso.internal.fs;

/**
 * An entry reached from the root, with the chain of directories above it: the chain is what detects a directory that
 * is its own ancestor (a loop a malformed image can encode) and bounds the depth.
 */
record Resolved(ImageNode node, Resolved parent, int depth) {

    static Resolved root(ImageNode root) {
        return new Resolved(root, null, 0);
    }

    /** True when {@code candidate} is this entry or one of the directories above it. */
    boolean hasAncestorOrSelf(Object fileKey) {
        for (Resolved at = this; at != null; at = at.parent) {
            if (at.node.fileKey().equals(fileKey)) {
                return true;
            }
        }
        return false;
    }
}
