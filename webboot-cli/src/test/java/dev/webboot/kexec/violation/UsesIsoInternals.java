package dev.webboot.kexec.violation;

import dev.webboot.iso.internal.fs.ImageTree;

/**
 * Deliberately wrong, for {@code ModuleBoundariesTest.theRulesCatchAViolation}: a class in the kexec module's packages
 * that reaches into webboot-iso's internals and exposes one of its types in a public signature. Never loaded at run
 * time; the test imports only its class file.
 */
public final class UsesIsoInternals {
    private UsesIsoInternals() {}

    public static ImageTree exposed(ImageTree tree) {
        return tree;
    }
}
