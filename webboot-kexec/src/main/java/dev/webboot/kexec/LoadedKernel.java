package dev.webboot.kexec;

import java.util.Objects;

/**
 * A kernel staged for kexec (or, in a dry run, everything prepared up to the last call).
 *
 * @param header the kernel's header
 * @param kernelBytes the size of the kernel handed to the kernel (after decompression)
 * @param initrdBytes the size of the single initrd (the initrds concatenated, each padded to 4 bytes), 0 without one
 * @param commandLine the command line
 * @param flags the {@code kexec_file_load} flags used
 * @param loaded false in a dry run: the memory files were filled, but {@code kexec_file_load} was not called
 */
public record LoadedKernel(
        KernelHeader header, long kernelBytes, long initrdBytes, String commandLine, long flags, boolean loaded) {
    public LoadedKernel {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(commandLine, "commandLine");
    }
}
