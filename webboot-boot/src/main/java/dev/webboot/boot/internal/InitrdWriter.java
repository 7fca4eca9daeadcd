package dev.webboot.boot.internal;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.boot.BootException;
import dev.webboot.boot.BootPhase;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the initrd kexec gets for a planned entry. The one place the flow meets driver injection, so that taking in
 * {@code DriverInjector} (branch inject) changes only {@link #write}.
 */
final class InitrdWriter {
    /**
     * What was written.
     *
     * @param size the bytes written
     * @param addedModules the kernel modules injected (empty when none)
     */
    record Written(long size, List<String> addedModules) {}

    private InitrdWriter() {}

    /**
     * Writes the entry's initrds, concatenated (each padded to a 4-byte boundary, where a cpio archive must start)
     * and, when {@code inject} and the plan says the initrd lacks the pmem drivers, extended with them.
     */
    static Written write(Path isoRoot, BootEntry entry, boolean inject, WritableByteChannel out) throws IOException {
        if (inject && entry.patch().isPresent()) {
            throw new BootException(
                    BootPhase.INITRD,
                    entry.kernel() + ": the initrd lacks the pmem drivers ("
                            + String.join(", ", entry.patch().get().modules())
                            + ") and this build cannot inject them yet; give --no-inject to boot"
                            + " without them, or --medium file with --cache on a disk");
        }
        BootImage image = new BootImage(isoRoot, "", "");
        long size = 0;
        ByteBuffer zeros = ByteBuffer.allocate(4);
        for (String initrd : entry.initrds()) {
            try (SeekableByteChannel in = Files.newByteChannel(image.resolve(initrd))) {
                ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
                while (in.read(buffer.clear()) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        size += out.write(buffer);
                    }
                }
            }
            int padding = (int) ((4 - size % 4) % 4);
            zeros.clear().limit(padding);
            while (zeros.hasRemaining()) {
                size += out.write(zeros);
            }
        }
        return new Written(size, List.of());
    }
}
