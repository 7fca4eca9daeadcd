package dev.webboot.plan;

import dev.webboot.api.plan.BootImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Jazzer's entry point for the Grub interpreter ({@code scripts/fuzz webboot-plan dev.webboot.plan.GrubFuzzTarget}):
 * the input is a configuration file in a small image tree. A {@link IOException} (the typed refusal) is expected;
 * anything else escaping is a finding.
 */
public final class GrubFuzzTarget {
    private static final BootImage IMAGE;

    static {
        try {
            IMAGE = BootConfigFuzzing.tree(Files.createTempDirectory("webboot-fuzz-grub"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private GrubFuzzTarget() {}

    public static void fuzzerTestOneInput(byte[] data) {
        try {
            BootConfigFuzzing.interpret(IMAGE, BootConfigFuzzing.Format.GRUB, data);
        } catch (IOException refused) {
            // The typed refusal.
        }
    }
}
