package dev.webboot.net.link;

import java.io.IOException;

/**
 * The network could not be brought up; the message is one sentence that says what to do, such as
 * {@code no carrier on eth0: is the cable plugged in?}.
 */
public class NetworkException extends IOException {
    private static final long serialVersionUID = 1L;

    public NetworkException(String sentence) {
        super(sentence);
    }

    public NetworkException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
