package dev.webboot.boot.internal;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.plan.drivers.DriverInjector;
import dev.webboot.plan.drivers.InjectedInitrd;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/** Writes the initrd kexec gets for a planned entry: the one place the flow meets driver injection. */
final class InitrdWriter {
    private InitrdWriter() {}

    /**
     * Writes the entry's initrds, concatenated, and — when {@code inject} and the plan says the distribution's initrd
     * lacks the pmem drivers — one more archive with the ISO's own nvdimm modules and the family's early hook.
     *
     * @throws dev.webboot.plan.drivers.MissingDriversException when the plan needs drivers the ISO does not have
     */
    static InjectedInitrd write(Path isoRoot, BootEntry entry, boolean inject, WritableByteChannel out)
            throws IOException {
        DriverInjector injector = DriverInjector.forImage(isoRoot);
        return (inject ? injector : injector.withoutInjection()).write(entry, out);
    }
}
