/**
 * Pure-Java readers for the images live distributions ship: ISO 9660 (with Rock Ridge, Joliet and El Torito), squashfs and initramfs, each exposed as a read-only {@link java.nio.file.FileSystem}.
 */
package dev.webboot.iso;
