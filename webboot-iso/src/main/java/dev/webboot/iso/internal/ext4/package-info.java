/**
 * A read-only ext2/ext3/ext4 reader: superblock, group descriptors, inodes, extent trees and classic block maps,
 * linear and hashed directories, inline data and symlinks, exposed as an {@link dev.webboot.iso.internal.fs.ImageTree}.
 * Every length, offset and block number read from the image is checked before use; the journal is never replayed.
 * Memory is bounded by a small block cache and one mapping run per open file. Not API.
 */
package dev.webboot.iso.internal.ext4;
