package dev.webboot.api.plan;

import java.util.Objects;

/** Where the distribution's initramfs must find the ISO after kexec. */
public sealed interface BootMedium {

    /** The default pmem device the ISO is written to. */
    String DEFAULT_DEVICE = "/dev/pmem0";

    /** The ISO's bytes are the whole block device {@code device} (a RAM-backed pmem device). */
    record Pmem(String device) implements BootMedium {
        public Pmem {
            Objects.requireNonNull(device, "device");
        }
    }

    /**
     * The ISO is the file {@code isoPath} on a file system whose UUID (as blkid prints it) is {@code filesystemUuid}.
     */
    record IsoFile(String isoPath, String filesystemUuid) implements BootMedium {
        public IsoFile {
            Objects.requireNonNull(isoPath, "isoPath");
            Objects.requireNonNull(filesystemUuid, "filesystemUuid");
            if (!isoPath.startsWith("/")) {
                throw new IllegalArgumentException("the ISO path must be absolute: " + isoPath);
            }
        }
    }

    /** The ISO on {@value #DEFAULT_DEVICE}. */
    static BootMedium pmem() {
        return new Pmem(DEFAULT_DEVICE);
    }
}
