package dev.webboot.iso.fuzz;

/** Jazzer's entry point for the Iso9660 reader ({@code scripts/fuzz webboot-iso Iso9660FuzzTarget}). */
public final class Iso9660FuzzTarget {
    private Iso9660FuzzTarget() {}

    public static void fuzzerTestOneInput(byte[] data) {
        ImageTargets.Format.ISO9660.run(data);
    }
}
