package dev.webboot.iso.initramfs;

import java.util.Objects;

/**
 * One segment of an initrd: an uncompressed cpio archive, or one compressed stream holding one or more archives.
 *
 * @param index position in file order, from 0
 * @param compression how it is stored
 * @param offset the byte offset in the initrd where it starts
 * @param length its length in the initrd, without the zero padding that follows it
 * @param uncompressedLength the number of cpio bytes it holds
 * @param members the number of members it holds, trailers excluded
 */
public record InitramfsSegment(
        int index, Compression compression, long offset, long length, long uncompressedLength, int members) {
    public InitramfsSegment {
        Objects.requireNonNull(compression, "compression");
    }
}
