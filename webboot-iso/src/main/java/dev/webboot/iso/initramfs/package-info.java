/**
 * Reading and extending initrds the way the Linux kernel unpacks them ({@code init/initramfs.c}): a sequence of cpio
 * newc/crc archives, each uncompressed or compressed on its own, separated by zero padding.
 *
 * <p>{@link dev.webboot.iso.initramfs.Initramfs} lists and reads members; {@link
 * dev.webboot.iso.initramfs.InitramfsWriter} appends a new archive after an initrd's existing bytes.
 */
package dev.webboot.iso.initramfs;
