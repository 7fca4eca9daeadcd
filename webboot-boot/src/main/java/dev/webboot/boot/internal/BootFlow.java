package dev.webboot.boot.internal;

import dev.webboot.boot.BootException;
import dev.webboot.boot.BootListener;
import dev.webboot.boot.BootOutcome;
import dev.webboot.boot.BootPhase;
import dev.webboot.boot.BootRequest;
import dev.webboot.boot.WebBoot;

/** One run of the boot flow. */
public final class BootFlow {
    private final WebBoot.Settings settings;
    private final BootRequest request;
    private final BootListener listener;

    public BootFlow(WebBoot.Settings settings, BootRequest request, BootListener listener) {
        this.settings = settings;
        this.request = request;
        this.listener = listener;
    }

    public BootOutcome run() throws BootException {
        throw new BootException(BootPhase.RESOLVE, "webboot boot: the flow is being written (API-only commit)");
    }
}
