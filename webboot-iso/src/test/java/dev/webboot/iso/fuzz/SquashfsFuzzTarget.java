package dev.webboot.iso.fuzz;

/** Jazzer's entry point for the Squashfs reader ({@code scripts/fuzz webboot-iso SquashfsFuzzTarget}). */
public final class SquashfsFuzzTarget {
    private SquashfsFuzzTarget() {}

    public static void fuzzerTestOneInput(byte[] data) {
        ImageTargets.Format.SQUASHFS.run(data);
    }
}
