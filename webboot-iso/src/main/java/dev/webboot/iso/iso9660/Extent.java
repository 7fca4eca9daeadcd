package dev.webboot.iso.iso9660;

/**
 * A run of a file's bytes inside the image: {@code length} bytes starting at byte {@code offset} of the image. A file
 * larger than 4 GiB is several extents, concatenated in order.
 *
 * @param offset the first byte's offset in the image
 * @param length the number of bytes
 */
public record Extent(long offset, long length) {
    public Extent {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("extent (" + offset + ", " + length + ") is negative");
        }
    }
}
