package dev.webboot.fetch;

import dev.webboot.fetch.internal.EnvironmentProxySelector;
import dev.webboot.fetch.internal.Transfer;
import dev.webboot.fetch.internal.TrustManagers;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import okhttp3.Authenticator;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;

/**
 * Streams a resource into a {@link DownloadSink} in one pass, hashing the bytes as they go past. Interrupted
 * transfers resume with {@code Range} + {@code If-Range}; a server that ignores the range or a resource that changed
 * makes the download start again from zero (the sink is rewound, the digests reset), so the digests always describe
 * exactly the bytes in the sink. Each source is tried a bounded number of times with exponential backoff, then the
 * next source (mirror) is tried. An overall deadline and a stall timeout bound the time spent.
 *
 * <p>Instances are immutable and thread-safe; one may serve many downloads.
 */
public final class Downloader {
    private final OkHttpClient client;
    private final Settings settings;

    private Downloader(OkHttpClient client, Settings settings) {
        this.client = client;
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Downloads with no progress listener and no cancellation. */
    public DownloadResult download(DownloadRequest request, DownloadSink sink) throws IOException {
        return download(request, sink, ProgressListener.NONE, new Cancellation());
    }

    /**
     * Downloads {@code request} into {@code sink}. The bytes are not committed: verify the returned digests, then call
     * {@link DownloadSink#commit()} or {@link DownloadSink#discard()}.
     *
     * @throws DownloadException with one plain sentence when every source failed, the deadline passed or the download
     *     was cancelled
     */
    public DownloadResult download(
            DownloadRequest request, DownloadSink sink, ProgressListener listener, Cancellation cancellation)
            throws IOException {
        return new Transfer(client, settings, request, sink, listener, cancellation).run();
    }

    /** Tuning knobs, as the builder set them. */
    public record Settings(
            int attemptsPerSource,
            Duration initialBackoff,
            Duration maxBackoff,
            Duration stallTimeout,
            Optional<Duration> deadline,
            Duration progressInterval,
            OptionalLong maxBytes) {}

    /** Configures a {@link Downloader}. */
    public static final class Builder {
        private int attemptsPerSource = 5;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(15);
        private Duration stallTimeout = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(15);
        private Optional<Duration> deadline = Optional.empty();
        private Duration progressInterval = Duration.ofMillis(250);
        private OptionalLong maxBytes = OptionalLong.empty();
        private Optional<Path> extraCaBundle = Optional.empty();
        private Map<String, String> environment = System.getenv();

        private Builder() {}

        /** How many requests one source gets before the next source is tried (default 5). */
        public Builder attemptsPerSource(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1");
            }
            this.attemptsPerSource = attempts;
            return this;
        }

        /** The first pause between retries; it doubles up to {@code max} (defaults 500 ms, 15 s). */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /** A connection that delivers no byte for this long is dropped and resumed (default 30 s). */
        public Builder stallTimeout(Duration timeout) {
            this.stallTimeout = timeout;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** The whole download, retries included, fails after this long (default: no limit). */
        public Builder deadline(Duration limit) {
            this.deadline = Optional.of(limit);
            return this;
        }

        /** How often progress events are sent at most (default 250 ms). */
        public Builder progressInterval(Duration interval) {
            this.progressInterval = interval;
            return this;
        }

        /**
         * A download that grows past this many bytes is refused, by its announced length before any byte or by its
         * bytes as they arrive when no length is sent (default: no limit but the sink's capacity).
         */
        public Builder maxBytes(long limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("the maximum size must be at least 1 byte");
            }
            this.maxBytes = OptionalLong.of(limit);
            return this;
        }

        /** Also trusts the CA certificates of this PEM bundle (besides the system trust store). */
        public Builder extraCaBundle(Path pemBundle) {
            this.extraCaBundle = Optional.of(pemBundle);
            return this;
        }

        /** Where {@code https_proxy}, {@code http_proxy} and {@code no_proxy} are read (default: the process's). */
        public Builder environment(Map<String, String> variables) {
            this.environment = Map.copyOf(variables);
            return this;
        }

        public Downloader build() throws IOException {
            EnvironmentProxySelector proxies = new EnvironmentProxySelector(environment);
            OkHttpClient.Builder http = new OkHttpClient.Builder()
                    .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .readTimeout(stallTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .writeTimeout(stallTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .followRedirects(true)
                    .followSslRedirects(true)
                    // Retries are ours: they resume with Range instead of starting over.
                    .retryOnConnectionFailure(false)
                    .proxySelector(proxies)
                    .proxyAuthenticator(proxyCredentials(proxies));
            if (extraCaBundle.isPresent()) {
                X509TrustManager trust = TrustManagers.systemPlus(extraCaBundle.get());
                try {
                    SSLContext tls = SSLContext.getInstance("TLS");
                    tls.init(null, new X509TrustManager[] {trust}, null);
                    http.sslSocketFactory(tls.getSocketFactory(), trust);
                } catch (java.security.GeneralSecurityException e) {
                    throw new IOException("cannot set up TLS with " + extraCaBundle.get() + ": " + e.getMessage(), e);
                }
            }
            Settings settings = new Settings(
                    attemptsPerSource, initialBackoff, maxBackoff, stallTimeout, deadline, progressInterval, maxBytes);
            return new Downloader(http.build(), settings);
        }

        private static Authenticator proxyCredentials(EnvironmentProxySelector proxies) {
            return (route, response) -> {
                if (response.request().header("Proxy-Authorization") != null) {
                    return null; // already tried: the credentials are wrong
                }
                Optional<URI> proxy = proxies.proxyFor(response.request().url().uri());
                String userInfo = proxy.map(URI::getUserInfo).orElse(null);
                if (userInfo == null || !userInfo.contains(":")) {
                    return null;
                }
                int colon = userInfo.indexOf(':');
                String credential = Credentials.basic(userInfo.substring(0, colon), userInfo.substring(colon + 1));
                return response.request()
                        .newBuilder()
                        .header("Proxy-Authorization", credential)
                        .build();
            };
        }
    }
}
