/**
 * Boot media for webboot itself: a hybrid ISO that boots on BIOS and UEFI from a USB stick, a CD or virtual media
 * ({@link dev.webboot.boot.media.MediaBuilder}, made with Debian's {@code grub-mkrescue}), the files for network boot
 * with iPXE, and copying an image to a stick without overwriting a disk in use ({@link
 * dev.webboot.boot.media.MediaWriter}). See docs/media.md.
 */
package dev.webboot.boot.media;
