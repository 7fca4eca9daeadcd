/**
 * ext2, ext3 and ext4 images as read-only {@link java.nio.file.FileSystem}s: {@link
 * dev.webboot.iso.ext4.Ext4FileSystem} (also reachable through {@code FileSystems.newFileSystem(path)}, scheme {@code
 * ext4}) and the facts an image's superblock states, {@link dev.webboot.iso.ext4.Ext4Info}. See docs/ext4.md for what
 * is read and what is refused.
 */
package dev.webboot.iso.ext4;
