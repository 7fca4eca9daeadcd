package dev.webboot.plan.grub.internal;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a GRUB script can see: the image (as every device except the host disk), and, when the image is booted as a
 * file through {@code loopback.cfg}, the host file system that holds it.
 *
 * @param root the image's root directory
 * @param imageDevice the device name the image has before the script changes {@code root} ({@code cd0} or {@code loop})
 * @param label the image's volume label
 * @param uuid the image's volume UUID
 * @param isoPath the ISO's path on the host file system, when booted as a file
 * @param hostUuid the host file system's UUID, when booted as a file
 */
public record GrubWorld(
        Path root, String imageDevice, String label, String uuid, Optional<String> isoPath, Optional<String> hostUuid) {
    /** The device name the host file system gets (what {@code search --file $iso_path} answers). */
    public static final String HOST_DEVICE = "hd0,gpt1";
}
