package dev.webboot.pmem;

/** An image is larger than the block device meant to hold it. */
public final class ImageTooLargeException extends PmemException {
    private static final long serialVersionUID = 1L;

    private final long imageSize;
    private final long deviceSize;

    public ImageTooLargeException(String device, long imageSize, long deviceSize, boolean written) {
        super(device + ": the image (" + describe(imageSize) + ") is larger than the device (" + deviceSize
                + " bytes)" + (written ? "; the device now holds a partial image" : "; nothing was written")
                + ": boot with a larger memmap= (see webboot pmem plan --size " + Math.max(imageSize, 0) + ")");
        this.imageSize = imageSize;
        this.deviceSize = deviceSize;
    }

    private static String describe(long imageSize) {
        return imageSize < 0 ? "of unknown length" : imageSize + " bytes";
    }

    /** The image's size in bytes, or -1 when its source did not say and it only overflowed while copying. */
    public long imageSize() {
        return imageSize;
    }

    /** The device's size in bytes. */
    public long deviceSize() {
        return deviceSize;
    }
}
