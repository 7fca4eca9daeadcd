package dev.webboot.testing;

import java.nio.charset.StandardCharsets;

/** Stand-ins for x86 Linux kernels in fixture images: just the boot-protocol header a real bzImage starts with. */
public final class KernelImages {
    private KernelImages() {}

    /**
     * The first 1 KiB of a bzImage: boot-sector signature, {@code HdrS}, protocol 2.15, the flags of a
     * relocatable 64-bit kernel loadable above 4 GiB, and a {@code kernel_version} pointer (0x20E) to {@code "<version>
     * (builder@host) #1 SMP"}, as {@code make bzImage} lays them out.
     */
    public static byte[] bzImage(String version) {
        byte[] bytes = new byte[0x400];
        bytes[0x1FE] = 0x55;
        bytes[0x1FF] = (byte) 0xAA;
        byte[] magic = "HdrS".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, bytes, 0x202, 4);
        bytes[0x206] = 0x0F;
        bytes[0x207] = 0x02;
        // What an x86_64 kernel declares, and kexec_file_load requires: loaded high (0x211), relocatable (0x234),
        // XLF_KERNEL_64 | XLF_CAN_BE_LOADED_ABOVE_4G | XLF_EFI_HANDOVER_64 (0x236).
        bytes[0x211] = 0x01;
        bytes[0x234] = 0x01;
        bytes[0x236] = 0x0B;
        int pointer = 0x300 - 0x200;
        bytes[0x20E] = (byte) pointer;
        bytes[0x20F] = (byte) (pointer >> 8);
        byte[] text = (version + " (builder@host) #1 SMP").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, bytes, 0x300, text.length);
        return bytes;
    }
}
