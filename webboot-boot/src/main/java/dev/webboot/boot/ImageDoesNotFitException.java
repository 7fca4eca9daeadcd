package dev.webboot.boot;

/**
 * The image is larger than the device it must go into. Raised before any byte is downloaded when the server says the
 * size, else as soon as the device is full (the device is wiped again then).
 */
public final class ImageDoesNotFitException extends BootException {
    private final long imageBytes;
    private final long deviceBytes;
    private final String device;

    /**
     * @param imageBytes the image's size, or -1 when the server did not say it
     * @param deviceBytes the device's capacity
     * @param device the device's name ({@code /dev/pmem0})
     */
    public ImageDoesNotFitException(String image, long imageBytes, String device, long deviceBytes) {
        super(BootPhase.FETCH, sentence(image, imageBytes, device, deviceBytes));
        this.imageBytes = imageBytes;
        this.deviceBytes = deviceBytes;
        this.device = device;
    }

    private static String sentence(String image, long imageBytes, String device, long deviceBytes) {
        if (imageBytes < 0) {
            return image + ": the ISO is larger than the " + deviceBytes + " bytes " + device
                    + " holds (the server did not say its size; the download stopped when the device was full)";
        }
        return image + ": the ISO is " + imageBytes + " bytes but " + device + " holds " + deviceBytes
                + "; boot with a larger memmap= (see webboot pmem plan --size " + imageBytes + ")";
    }

    /** The image's size, or -1 when it was not known. */
    public long imageBytes() {
        return imageBytes;
    }

    /** The device's capacity in bytes. */
    public long deviceBytes() {
        return deviceBytes;
    }

    /** The device's name. */
    public String device() {
        return device;
    }
}
