package dev.webboot.iso.fuzz;

/** Jazzer's entry point for the Initramfs reader ({@code scripts/fuzz webboot-iso InitramfsFuzzTarget}). */
public final class InitramfsFuzzTarget {
    private InitramfsFuzzTarget() {}

    public static void fuzzerTestOneInput(byte[] data) {
        ImageTargets.Format.INITRAMFS.run(data);
    }
}
