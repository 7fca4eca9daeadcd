package dev.webboot.iso.internal.iso9660;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.MalformedImageException;
import java.io.IOException;
import java.nio.ByteBuffer;

/** The image being read, with bounds-checked reads of small structures (never more than a few blocks at once). */
final class IsoImage {
    /** The largest structure read into memory at once: a directory block, a descriptor, a continuation area. */
    static final int MAX_READ = 64 * 1024;

    private final ImageSource source;
    private final long size;
    private final int blockSize;
    /** The volume's size as its primary descriptor declares it; more than {@link #size} when the image is cut short. */
    private final long volumeSize;

    IsoImage(ImageSource source, long size, int blockSize, long volumeSize) {
        this.source = source;
        this.size = size;
        this.blockSize = blockSize;
        this.volumeSize = volumeSize;
    }

    /** Whether the image has fewer bytes than its volume declares (a download or copy cut short). */
    boolean truncated() {
        return size < volumeSize;
    }

    /** What xorriso warns about ("ISO image size …s larger than readable size …s"), in bytes. */
    String truncation() {
        return VolumeReader.truncation(size, volumeSize);
    }

    ImageSource source() {
        return source;
    }

    String name() {
        return source.name();
    }

    long size() {
        return size;
    }

    int blockSize() {
        return blockSize;
    }

    /**
     * Fails unless {@code [offset, offset + length)} lies inside the image; the failure names {@code reportAt}, the
     * offset of the field that stated the range.
     */
    void checkRange(long offset, long length, long reportAt, String what) throws MalformedImageException {
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw outside(offset, length, reportAt, what);
        }
    }

    /**
     * Fails unless a file's data {@code [offset, offset + length)} lies inside the image or, when the image is
     * truncated, inside the volume it declares: the file is listed as xorriso lists it, and only reading its missing
     * bytes fails (with {@link #truncation()}).
     */
    void checkFileData(long offset, long length, long reportAt) throws MalformedImageException {
        long bound = Math.max(size, volumeSize);
        if (offset < 0 || length < 0 || offset > bound || length > bound - offset) {
            throw outside(offset, length, reportAt, "file data");
        }
    }

    private MalformedImageException outside(long offset, long length, long reportAt, String what) {
        String where = what + " at byte " + offset + " of length " + length;
        boolean insideVolume = offset >= 0 && length >= 0 && offset <= volumeSize && length <= volumeSize - offset;
        if (truncated() && insideVolume) {
            return new MalformedImageException(name(), reportAt, truncation() + "; " + where + " lies past its end");
        }
        return new MalformedImageException(name(), reportAt, where + " lies outside the image of " + size + " bytes");
    }

    /** Reads {@code length} bytes at {@code offset}, which the field at {@code reportAt} pointed to. */
    byte[] read(long offset, int length, long reportAt, String what) throws IOException {
        if (length > MAX_READ) {
            throw new MalformedImageException(name(), reportAt, what + " of " + length + " bytes is too large");
        }
        checkRange(offset, length, reportAt, what);
        byte[] bytes = new byte[length];
        source.readFully(ByteBuffer.wrap(bytes), offset);
        return bytes;
    }

    /** The byte offset of logical block {@code block}. */
    long offsetOf(long block) {
        return block * blockSize;
    }
}
