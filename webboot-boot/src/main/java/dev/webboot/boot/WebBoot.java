package dev.webboot.boot;

import dev.webboot.boot.internal.BootFlow;
import dev.webboot.fetch.Cancellation;
import dev.webboot.fetch.Downloader;
import dev.webboot.net.bringup.NetworkBringUp;
import dev.webboot.plan.BootPlanner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * The whole boot: network up if needed → resolve the source (catalog id, URL, local file) → fetch, verify and write
 * the image into the pmem device in one pass (or into the cache, then stage it) → open the ISO on the device → plan
 * from its own boot menu → build the initrd (with the pmem drivers injected when the plan says so) →
 * {@code kexec_file_load} → jump, unless the request is a dry run.
 *
 * <pre>{@code
 * WebBoot webboot = WebBoot.builder().build();
 * BootOutcome dry = webboot.boot(BootRequest.builder("https://example.org/live.iso")
 *         .sums("https://example.org/SHA256SUMS").signature("https://example.org/SHA256SUMS.gpg")
 *         .keyrings(List.of(Path.of("example.gpg"))).dryRun(true).build(), BootListener.NONE);
 * }</pre>
 *
 * <p>Nothing unverified is ever booted: a refused image is wiped from the device and nothing is loaded. Immutable;
 * one instance may run several boots one after another (dry runs, or a real boot after a failed one).
 */
public final class WebBoot {
    private final Settings settings;

    private WebBoot(Settings settings) {
        this.settings = settings;
    }

    /** A builder with the running machine's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the boot. On a real machine a successful boot that is not a dry run never returns: the machine runs the new
     * kernel.
     *
     * @return what was done (after a dry run: the plan, the entry and the command line that would be booted)
     * @throws BootException with one plain sentence naming what is wrong (a refused image, an image too large for
     *     the device, an unreachable server, a malformed ISO, a kernel the machine cannot kexec)
     */
    public BootOutcome boot(BootRequest request, BootListener listener) throws BootException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        return new BootFlow(settings, request, listener).run();
    }

    /**
     * The machinery a {@link WebBoot} uses, as its builder set it.
     *
     * @param downloader the HTTP downloader (retries, timeouts, TLS)
     * @param kexec what loads and boots the kernel
     * @param machineRoot where {@code /proc} and {@code /sys} are read ({@code /} on a machine; a recorded tree in
     *     tests)
     * @param planner the boot planner; empty: every plugin found, reading the command line under the machine root
     * @param network what brings the network up; empty: the system's
     * @param logEcho where each boot log line is echoed
     * @param cancellation cancels a running download
     */
    public record Settings(
            Downloader downloader,
            KexecBackend kexec,
            Path machineRoot,
            Optional<BootPlanner> planner,
            Optional<NetworkBringUp> network,
            Consumer<String> logEcho,
            Cancellation cancellation) {
        public Settings {
            Objects.requireNonNull(downloader, "downloader");
            Objects.requireNonNull(kexec, "kexec");
            Objects.requireNonNull(machineRoot, "machineRoot");
            Objects.requireNonNull(planner, "planner");
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(logEcho, "logEcho");
            Objects.requireNonNull(cancellation, "cancellation");
        }
    }

    /** Configures a {@link WebBoot}. */
    public static final class Builder {
        private Optional<Downloader> downloader = Optional.empty();
        private Optional<KexecBackend> kexec = Optional.empty();
        private Path machineRoot = Path.of("/");
        private Optional<BootPlanner> planner = Optional.empty();
        private Optional<NetworkBringUp> network = Optional.empty();
        private Consumer<String> logEcho =
                line -> LoggerFactory.getLogger(BootLog.class).info("{}", line);
        private Cancellation cancellation = new Cancellation();

        private Builder() {}

        /** The downloader (default: {@code Downloader.builder().build()}). */
        public Builder downloader(Downloader newDownloader) {
            this.downloader = Optional.of(newDownloader);
            return this;
        }

        /** What loads and boots the kernel (default: {@link KexecBackend#system()}). */
        public Builder kexec(KexecBackend backend) {
            this.kexec = Optional.of(backend);
            return this;
        }

        /** Reads {@code proc/} and {@code sys/} under this directory instead of {@code /}. */
        public Builder machineRoot(Path root) {
            this.machineRoot = root;
            return this;
        }

        /** The boot planner (default: every plugin on the class path). */
        public Builder planner(BootPlanner newPlanner) {
            this.planner = Optional.of(newPlanner);
            return this;
        }

        /** What brings the network up when there is no default route (default: {@link NetworkBringUp#system()}). */
        public Builder network(NetworkBringUp bringUp) {
            this.network = Optional.of(bringUp);
            return this;
        }

        /** Where each boot log line is echoed (default: the slf4j logger {@code dev.webboot.boot.BootLog}). */
        public Builder logEcho(Consumer<String> echo) {
            this.logEcho = echo;
            return this;
        }

        /** A cancellation that stops a running download (a shutdown hook may cancel it). */
        public Builder cancellation(Cancellation newCancellation) {
            this.cancellation = newCancellation;
            return this;
        }

        public WebBoot build() throws IOException {
            return new WebBoot(new Settings(
                    downloader.isPresent()
                            ? downloader.get()
                            : Downloader.builder().build(),
                    kexec.orElseGet(KexecBackend::system),
                    machineRoot,
                    planner,
                    network,
                    logEcho,
                    cancellation));
        }
    }
}
