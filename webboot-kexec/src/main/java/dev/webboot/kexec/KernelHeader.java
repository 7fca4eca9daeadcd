package dev.webboot.kexec;

import java.util.Objects;
import java.util.Set;

/**
 * What a kernel image's header says about it.
 *
 * @param architecture the machine it runs on
 * @param format {@code bzImage} or {@code Image}
 * @param version the kernel's version string ({@code 6.1.0-26-amd64 (debian-kernel@…) #1 SMP …}), or an empty string
 *     when the image does not carry one (arm64 Images)
 * @param bootProtocol the x86 boot protocol version ({@code 2.15}), or an empty string for arm64
 * @param flags what the header declares: for x86 the {@code XLF_*} and load flags ({@code KERNEL_64}, {@code
 *     CAN_BE_LOADED_ABOVE_4G}, {@code EFI_HANDOVER_64}, {@code RELOCATABLE}, …); for arm64 {@code LITTLE_ENDIAN} or
 *     {@code BIG_ENDIAN} and the page size ({@code PAGE_SIZE_4K}, …)
 * @param maxCommandLine the longest command line the kernel takes, in bytes without the final NUL
 * @param compression how the file was compressed before webboot decompressed it ({@code none}, {@code gzip}, …)
 */
public record KernelHeader(
        Architecture architecture,
        String format,
        String version,
        String bootProtocol,
        Set<String> flags,
        int maxCommandLine,
        String compression) {
    public KernelHeader {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(bootProtocol, "bootProtocol");
        flags = Set.copyOf(flags);
        Objects.requireNonNull(compression, "compression");
    }

    /** The release, the version string's first word ({@code 6.1.0-26-amd64}), or an empty string. */
    public String release() {
        int space = version.indexOf(' ');
        return space < 0 ? version : version.substring(0, space);
    }

    /**
     * True when the header says {@code kexec_file_load} can load it: an x86 bzImage with a 64-bit entry that may be
     * loaded above 4 GiB (boot protocol 2.12 or later), or a little-endian arm64 Image.
     */
    public boolean loadableByKexecFile() {
        return switch (architecture) {
            case X86_64 -> flags.contains("KERNEL_64") && flags.contains("CAN_BE_LOADED_ABOVE_4G");
            case ARM64 -> flags.contains("LITTLE_ENDIAN");
        };
    }
}
