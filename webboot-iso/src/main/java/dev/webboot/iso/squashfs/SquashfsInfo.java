package dev.webboot.iso.squashfs;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.internal.squashfs.Superblock;
import java.io.IOException;
import java.time.Instant;

/**
 * What a squashfs image's superblock says about it.
 *
 * @param compression the compressor, named as mksquashfs's {@code -comp} names it: {@code gzip}, {@code lzma}, {@code
 *     lzo}, {@code xz}, {@code lz4} or {@code zstd}
 * @param blockSize the data block size in bytes (4 KiB to 1 MiB)
 * @param inodes the number of inodes
 * @param bytesUsed the bytes of the image the file system occupies (the image may be padded beyond them)
 * @param fragments the number of fragment blocks
 * @param ids the number of distinct uids and gids
 * @param flags the superblock flags word (uncompressed inodes 0x1, data 0x2, fragments 0x8, no fragments 0x10,
 *     always fragments 0x20, duplicates 0x40, exportable 0x80, uncompressed xattrs 0x100, no xattrs 0x200,
 *     compressor options 0x400, uncompressed ids 0x800)
 * @param modificationTime when the image was made, as mksquashfs recorded it
 */
public record SquashfsInfo(
        String compression,
        int blockSize,
        long inodes,
        long bytesUsed,
        long fragments,
        int ids,
        int flags,
        Instant modificationTime) {

    /**
     * Reads and checks the superblock of {@code source}.
     *
     * @throws dev.webboot.iso.MalformedImageException if it is not a squashfs 4.0 superblock or its fields are
     *     inconsistent with each other or with the image's size
     */
    public static SquashfsInfo read(ImageSource source) throws IOException {
        return of(Superblock.read(source));
    }

    static SquashfsInfo of(Superblock sb) {
        return new SquashfsInfo(
                sb.compression().cliName(),
                sb.blockSize(),
                sb.inodeCount(),
                sb.bytesUsed(),
                sb.fragmentCount(),
                sb.idCount(),
                sb.flags(),
                Instant.ofEpochSecond(sb.modificationTime()));
    }
}
