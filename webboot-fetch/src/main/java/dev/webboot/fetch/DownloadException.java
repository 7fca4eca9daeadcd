package dev.webboot.fetch;

import java.io.IOException;

/** A download or verification that failed; the message is one plain sentence naming the file and what is wrong. */
public class DownloadException extends IOException {
    public DownloadException(String sentence) {
        super(sentence);
    }

    public DownloadException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
