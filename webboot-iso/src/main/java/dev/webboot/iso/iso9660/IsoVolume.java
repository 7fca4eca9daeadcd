package dev.webboot.iso.iso9660;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.internal.iso9660.VolumeReader;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 * @param imageSize the image's size in bytes; less than {@code volumeSize} when it was cut short (see
 *     {@link #truncation()})
 * @param bootCatalogProblem why the El Torito boot catalog could not be read (one sentence naming the image and byte
 *     offset), when the volume points to one that is broken or lies past the image's end; the files are still listed
 */
public record IsoVolume(
        String volumeId,
        String label,
        String uuid,
        long volumeSize,
        int logicalBlockSize,
        boolean rockRidge,
        boolean joliet,
        List<ElToritoEntry> bootEntries,
        String hybrid,
        long imageSize,
        Optional<String> bootCatalogProblem) {

    public IsoVolume {
        bootEntries = List.copyOf(bootEntries);
        Objects.requireNonNull(bootCatalogProblem, "bootCatalogProblem");
    }

    /** Whether the image has fewer bytes than its volume declares: a download or copy cut short. */
    public boolean truncated() {
        return imageSize < volumeSize;
    }

    /**
     * For a truncated image, what xorriso warns about, in bytes: {@code truncated: the image has N bytes, its volume
     * declares M}.
     */
    public Optional<String> truncation() {
        return truncated() ? Optional.of(VolumeReader.truncation(imageSize, volumeSize)) : Optional.empty();
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
