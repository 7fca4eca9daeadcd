package dev.webboot.iso.fuzz;

/** Jazzer's entry point for the Ext4 reader ({@code scripts/fuzz webboot-iso Ext4FuzzTarget}). */
public final class Ext4FuzzTarget {
    private Ext4FuzzTarget() {}

    public static void fuzzerTestOneInput(byte[] data) {
        ImageTargets.Format.EXT4.run(data);
    }
}
