/**
 * squashfs 4.0 images as read-only {@link java.nio.file.FileSystem}s: {@link dev.webboot.iso.squashfs.SquashfsFileSystem}
 * (also reachable through {@code FileSystems.newFileSystem(path)}, scheme {@code squashfs}) and the facts an image
 * states about itself, {@link dev.webboot.iso.squashfs.SquashfsInfo}.
 */
package dev.webboot.iso.squashfs;
