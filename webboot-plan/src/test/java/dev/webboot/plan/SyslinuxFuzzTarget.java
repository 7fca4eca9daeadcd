package dev.webboot.plan;

import dev.webboot.api.plan.BootImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Jazzer's entry point for the Syslinux interpreter ({@code scripts/fuzz webboot-plan dev.webboot.plan.SyslinuxFuzzTarget}):
 * the input is a configuration file in a small image tree. A {@link IOException} (the typed refusal) is expected;
 * anything else escaping is a finding.
 */
public final class SyslinuxFuzzTarget {
    private static final BootImage IMAGE;

    static {
        try {
            IMAGE = BootConfigFuzzing.tree(Files.createTempDirectory("webboot-fuzz-syslinux"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SyslinuxFuzzTarget() {}

    public static void fuzzerTestOneInput(byte[] data) {
        try {
            BootConfigFuzzing.interpret(IMAGE, BootConfigFuzzing.Format.SYSLINUX, data);
        } catch (IOException refused) {
            // The typed refusal.
        }
    }
}
