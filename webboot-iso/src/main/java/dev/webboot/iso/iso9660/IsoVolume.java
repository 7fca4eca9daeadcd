package dev.webboot.iso.iso9660;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.internal.iso9660.VolumeReader;
import java.io.IOException;
import java.util.List;

/**
 * The facts an ISO 9660 image states about itself, read from its volume descriptors, El Torito boot catalog and
 * system area.
 *
 * @param volumeId the primary volume descriptor's volume identifier, trailing spaces removed
 * @param label the label as {@code blkid} prints it: the Joliet volume identifier when it differs from the primary
 *     one, else the primary one
 * @param uuid the pseudo-UUID {@code blkid} derives from the volume modification date (else the creation date),
 *     such as {@code 2024-03-01-12-00-00-00}; {@code ""} when both dates are unset
 * @param volumeSize the volume's size in bytes as its primary descriptor states it
 * @param logicalBlockSize the logical block size in bytes (2048 in practice)
 * @param rockRidge whether the primary tree carries Rock Ridge (POSIX names, modes, symlinks)
 * @param joliet whether there is a Joliet (UCS-2 names) supplementary descriptor
 * @param bootEntries the El Torito boot catalog's entries in catalog order; empty when the image is not bootable
 * @param hybrid {@code "gpt"} when the system area holds a GPT, {@code "mbr"} when it holds only an MBR, else
 *     {@code "none"}
 */
public record IsoVolume(
        String volumeId,
        String label,
        String uuid,
        long volumeSize,
        int logicalBlockSize,
        boolean rockRidge,
        boolean joliet,
        List<BootEntry> bootEntries,
        String hybrid) {

    public IsoVolume {
        bootEntries = List.copyOf(bootEntries);
    }

    /**
     * Reads the volume facts of an image without building a file system. The source stays open: the caller owns it.
     *
     * @throws dev.webboot.iso.MalformedImageException if the image is not a well-formed ISO 9660 volume
     */
    public static IsoVolume read(ImageSource source) throws IOException {
        return VolumeReader.read(source).volume();
    }
}
