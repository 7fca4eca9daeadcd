package dev.webboot.fetch;

/** Receives progress events from a download, on the downloading thread, at most a few times a second. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = progress -> {};

    void onProgress(Progress progress);

    /** Called when the download gives up on a source or restarts; {@code sentence} says why. Default: nothing. */
    default void onRetry(String sentence) {}
}
