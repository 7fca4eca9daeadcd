package dev.webboot.fetch;

import java.util.ArrayList;
import java.util.List;

/** Lets another thread stop a download: the transfer in flight is aborted and the download fails. */
public final class Cancellation {
    private final List<Runnable> onCancel = new ArrayList<>();
    private boolean cancelled;

    /** Stops the download as soon as possible. */
    public void cancel() {
        List<Runnable> actions;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            actions = List.copyOf(onCancel);
        }
        actions.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Runs {@code action} on cancellation (at once if already cancelled); returns a handle to unregister. */
    public Runnable whenCancelled(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                onCancel.add(action);
                return () -> {
                    synchronized (this) {
                        onCancel.remove(action);
                    }
                };
            }
        }
        action.run();
        return () -> {};
    }
}
