package dev.webboot.iso.internal.initramfs;

import java.io.IOException;

/** A cpio stream is malformed at {@link #streamOffset()}; the scanner turns it into a MalformedImageException. */
final class CpioFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long streamOffset;

    CpioFormatException(long streamOffset, String problem) {
        super(problem);
        this.streamOffset = streamOffset;
    }

    long streamOffset() {
        return streamOffset;
    }
}
