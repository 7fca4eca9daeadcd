package dev.webboot.kexec;

import java.util.Objects;
import java.util.Optional;
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

    /** What {@code kexec_file_load} needs of an image, for sentences that follow {@link #kexecFileRefusal()}'s. */
    public static final String KEXEC_FILE_NEEDS = "kexec_file_load loads only 64-bit bzImages (boot protocol 2.12 or"
            + " later, XLF_KERNEL_64, loadable above 4 GiB) and little-endian arm64 Images";

    /**
     * Why {@code kexec_file_load} would refuse this image, as a phrase that follows its file name ({@code is an x86
     * kernel of boot protocol 2.07 without a 64-bit entry point}), or empty when its header says it can be loaded. The
     * checks are the kernel's own probes: x86_64's {@code bzImage64_probe} ({@code arch/x86/kernel/kexec-bzimage64.c}:
     * a bzImage, boot protocol 2.12 or later with {@code XLF_KERNEL_64} and {@code XLF_CAN_BE_LOADED_ABOVE_4G}) and
     * arm64's {@code image_probe} (a little-endian Image). One rule for the planner, which drops such entries before
     * any download, and for {@link Kexec}, which refuses them before the syscall.
     *
     * @return the refusal, or empty
     */
    public Optional<String> kexecFileRefusal() {
        return switch (architecture) {
            case X86_64 -> {
                if (!flags.contains("LOADED_HIGH")) {
                    yield Optional.of("is an x86 zImage (not loaded high)");
                }
                if (!flags.contains("KERNEL_64")) {
                    // Boot protocols before 2.12 have no xloadflags, so no XLF_KERNEL_64 either: name the protocol.
                    yield Optional.of(
                            "is an x86 kernel of boot protocol " + bootProtocol + " without a 64-bit entry point");
                }
                if (!flags.contains("CAN_BE_LOADED_ABOVE_4G")) {
                    yield Optional.of("is an x86 kernel that may not be loaded above 4 GiB");
                }
                yield Optional.empty();
            }
            case ARM64 -> flags.contains("LITTLE_ENDIAN")
                    ? Optional.empty()
                    : Optional.of("is a big-endian arm64 Image");
        };
    }

    /** True when {@link #kexecFileRefusal()} has nothing to say. */
    public boolean loadableByKexecFile() {
        return kexecFileRefusal().isEmpty();
    }
}
