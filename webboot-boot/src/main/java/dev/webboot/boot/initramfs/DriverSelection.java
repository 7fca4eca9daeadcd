package dev.webboot.boot.initramfs;

import java.util.List;

/**
 * The kernel modules the webboot initramfs carries and loads at start when {@code --kernel-modules} is given without
 * {@code --module}: what webboot itself needs (the RAM disk, ISO 9660), then the network and storage drivers of
 * common PCs. Names a kernel does not have (or has built in) are left out; each one's dependencies come along.
 */
public final class DriverSelection {
    private DriverSelection() {}

    /** pmem ({@code memmap=} RAM disk as /dev/pmem0) and reading ISOs and USB sticks. */
    public static final List<String> CORE =
            List.of("nd_pmem", "nd_e820", "nd_btt", "isofs", "loop", "squashfs", "vfat", "nls_cp437", "nls_iso8859_1");

    /** QEMU and other hypervisors. */
    public static final List<String> VIRTIO =
            List.of("virtio_pci", "virtio_net", "virtio_blk", "virtio_scsi", "virtio_rng");

    /** Wired Ethernet: Intel, Realtek, Broadcom, and USB adapters. */
    public static final List<String> ETHERNET = List.of(
            "e1000",
            "e1000e",
            "igb",
            "igc",
            "r8169",
            "tg3",
            "bnx2",
            "atlantic",
            "alx",
            "usbnet",
            "cdc_ether",
            "cdc_ncm",
            "r8152",
            "ax88179_178a",
            "asix",
            "rndis_host");

    /** Wi-Fi: Intel, Qualcomm Atheros, Realtek, MediaTek, Broadcom (they need --firmware). */
    public static final List<String> WIFI = List.of(
            "iwlmvm",
            "iwldvm",
            "ath9k",
            "ath10k_pci",
            "ath11k_pci",
            "rtw88_8822ce",
            "rtw88_8821ce",
            "rtw89_8852ae",
            "mt7921e",
            "brcmfmac");

    /** USB and disk controllers, so that a stick or a disk can be the --cache. */
    public static final List<String> STORAGE = List.of(
            "xhci_pci",
            "ehci_pci",
            "ohci_pci",
            "uhci_hcd",
            "usb_storage",
            "uas",
            "sd_mod",
            "sr_mod",
            "ahci",
            "nvme",
            "usbhid",
            "hid_generic",
            "ext4");

    /** All of the above, in that order. */
    public static List<String> defaults() {
        return java.util.stream.Stream.of(CORE, VIRTIO, ETHERNET, WIFI, STORAGE)
                .flatMap(List::stream)
                .toList();
    }
}
