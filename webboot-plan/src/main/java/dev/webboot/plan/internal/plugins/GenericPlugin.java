package dev.webboot.plan.internal.plugins;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.DistroPlugin;
import java.io.IOException;

/**
 * The fallback: boots what the configuration says, unchanged (webboot still carries {@code memmap=} over).
 */
public final class GenericPlugin implements DistroPlugin {
    @Override
    public String family() {
        return "generic";
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }

    @Override
    public boolean recognizes(BootImage image) throws IOException {
        return true;
    }

    @Override
    public BootEntry adapt(BootEntry entry, BootImage image, BootMedium medium) throws IOException {
        return entry;
    }
}
