package dev.webboot.fetch;

/** Bytes, sums or a signature that were refused; the message is one plain sentence saying which and why. */
public class VerificationException extends DownloadException {
    public VerificationException(String sentence) {
        super(sentence);
    }

    public VerificationException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
