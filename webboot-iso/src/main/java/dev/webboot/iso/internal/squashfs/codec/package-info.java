/**
 * Block decompressors for the compressors mksquashfs writes, each capped at a caller-given output size so that a
 * corrupt or hostile block can never make the reader allocate or write more than one block. Not API.
 */
package dev.webboot.iso.internal.squashfs.codec;
