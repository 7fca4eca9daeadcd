package dev.webboot.boot.media;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link MediaBuilder} wrote.
 *
 * @param output the image (or, for iPXE, the directory)
 * @param size its size in bytes (for iPXE, of the three files together)
 * @param bios whether it boots on BIOS machines (an El Torito BIOS image and GRUB's MBR)
 * @param uefi whether it boots on UEFI machines (an El Torito EFI image holding {@code EFI/BOOT/BOOTX64.EFI})
 * @param secureBoot whether its UEFI path is a signed chain that boots under Secure Boot
 * @param files the files written (the image alone, or the iPXE directory's files)
 * @param entries the boot menu, default first
 */
public record MediaReport(
        Path output,
        long size,
        boolean bios,
        boolean uefi,
        boolean secureBoot,
        List<Path> files,
        List<MediaEntry> entries) {
    public MediaReport {
        Objects.requireNonNull(output, "output");
        files = List.copyOf(files);
        entries = List.copyOf(entries);
    }
}
