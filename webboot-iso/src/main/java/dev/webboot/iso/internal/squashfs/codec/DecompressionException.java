package dev.webboot.iso.internal.squashfs.codec;

/**
 * A compressed block is corrupt or decompresses to more than its cap. Callers turn it into a
 * {@link dev.webboot.iso.MalformedImageException} that names the image and the block's offset.
 */
public final class DecompressionException extends Exception {
    private static final long serialVersionUID = 1L;

    public DecompressionException(String message) {
        super(message);
    }

    public DecompressionException(String message, Throwable cause) {
        super(message, cause);
    }

    static DecompressionException tooLarge(String codec, int maxLength) {
        return new DecompressionException(codec + " block decompresses to more than " + maxLength + " bytes");
    }
}
