/**
 * A squashfs 4.0 reader: superblock, metadata blocks, inode/directory/fragment/id/xattr tables and file data, exposed
 * as an {@link dev.webboot.iso.internal.fs.ImageTree}. Every length and offset read from the image is checked before
 * use; memory is bounded by small fixed-size caches and one data block per open file. Not API.
 */
package dev.webboot.iso.internal.squashfs;
