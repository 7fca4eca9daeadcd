package dev.webboot.fetch.internal;

import dev.webboot.api.io.SizeLimitException;
import dev.webboot.fetch.Cancellation;
import dev.webboot.fetch.DownloadException;
import dev.webboot.fetch.DownloadRequest;
import dev.webboot.fetch.DownloadResult;
import dev.webboot.fetch.DownloadSink;
import dev.webboot.fetch.Downloader;
import dev.webboot.fetch.HashAlgorithm;
import dev.webboot.fetch.Progress;
import dev.webboot.fetch.ProgressListener;
import dev.webboot.fetch.SinkFullException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One download: the retry loop over sources and attempts, and the byte pump. Not thread-safe; used once. */
public final class Transfer {
    private static final Logger log = LoggerFactory.getLogger(Transfer.class);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final OkHttpClient client;
    private final Downloader.Settings settings;
    private final DownloadRequest request;
    private final DownloadSink sink;
    private final ProgressListener listener;
    private final Cancellation cancellation;
    private final ParallelDigests digests;
    private final long startNanos = System.nanoTime();
    private final RateMeter rate = new RateMeter();

    private long held;
    private Optional<String> validator = Optional.empty();
    private OptionalLong total = OptionalLong.empty();
    private long lastProgressNanos;
    private int attempts;
    private OptionalLong capacity = OptionalLong.empty();

    public Transfer(
            OkHttpClient client,
            Downloader.Settings settings,
            DownloadRequest request,
            DownloadSink sink,
            ProgressListener listener,
            Cancellation cancellation) {
        this.client = client;
        this.settings = settings;
        this.request = request;
        this.sink = sink;
        this.listener = listener;
        this.cancellation = cancellation;
        this.digests = new ParallelDigests(request.algorithms());
    }

    /** Thrown when a source cannot serve the resource at all (404, redirect loop, unknown host): try the next. */
    private static final class SourceUnusable extends IOException {
        SourceUnusable(String message) {
            super(message);
        }
    }

    public DownloadResult run() throws IOException {
        try (digests) {
            return transfer();
        }
    }

    private DownloadResult transfer() throws IOException {
        capacity = sink.capacity();
        adoptHeldBytes();
        String lastFailure = "";
        java.util.List<URI> sources = request.sources();
        for (int s = 0; s < sources.size(); s++) {
            URI source = sources.get(s);
            Optional<URI> next = s + 1 < sources.size() ? Optional.of(sources.get(s + 1)) : Optional.empty();
            for (int attempt = 1; attempt <= settings.attemptsPerSource(); attempt++) {
                checkCancelledAndDeadline(source);
                attempts++;
                try {
                    transferOnce(source);
                    emitProgress(true);
                    return new DownloadResult(held, hexDigests(), source, attempts);
                } catch (DownloadException | SizeLimitException e) {
                    throw e; // cancelled, past the deadline, or too big: another attempt ends the same way
                } catch (SourceUnusable e) {
                    lastFailure = e.getMessage();
                    log.debug("{}: {}", source, lastFailure);
                    // One line, and only when something follows it: the final sentence tells the last failure.
                    if (next.isPresent()) {
                        listener.onRetry(source + ": " + lastFailure + "; trying " + next.get());
                    }
                    break;
                } catch (IOException e) {
                    checkCancelledAndDeadline(source);
                    lastFailure = describe(e);
                    log.debug("{}: attempt {} failed at byte {}: {}", source, attempt, held, lastFailure);
                    String failed = source + ": attempt " + attempt + " of " + settings.attemptsPerSource()
                            + " failed at byte " + held + ": " + lastFailure;
                    if (attempt < settings.attemptsPerSource()) {
                        Duration pause = backoff(attempt);
                        listener.onRetry(failed + "; again in " + seconds(pause));
                        pause(pause, source);
                    } else if (next.isPresent()) {
                        listener.onRetry(failed + "; trying " + next.get());
                    }
                }
            }
        }
        URI last = sources.get(sources.size() - 1);
        if (attempts == 1) {
            throw new DownloadException(last + ": " + lastFailure);
        }
        throw new DownloadException(
                last + ": download failed after " + attempts + " attempts (last error: " + lastFailure + ")");
    }

    private static String seconds(Duration pause) {
        long millis = pause.toMillis();
        return millis % 1000 == 0
                ? millis / 1000 + " s"
                : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** Takes over what the sink already holds from an earlier run: hashes it once. */
    private void adoptHeldBytes() throws IOException {
        held = sink.heldBytes();
        if (held == 0) {
            return;
        }
        validator = sink.heldValidator();
        if (validator.isEmpty()) {
            restartFromZero();
            return;
        }
        log.info("{}: resuming after {} bytes already held", sink.describe(), held);
        try {
            sink.readHeld(bytes -> {
                try {
                    digests.submitCopy(bytes);
                } catch (InterruptedIOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void restartFromZero() throws IOException {
        sink.restart();
        held = 0;
        validator = Optional.empty();
        total = OptionalLong.empty();
        digests.reset();
    }

    private void transferOnce(URI source) throws IOException {
        if (source.getScheme().equals("file")) {
            transferFile(source);
        } else {
            transferHttp(source);
        }
    }

    private void transferFile(URI source) throws IOException {
        Path path = Path.of(source);
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new SourceUnusable("no such file");
        }
        try (channel) {
            long size = channel.size();
            String fileValidator =
                    "file " + size + " " + Files.getLastModifiedTime(path).toMillis();
            if (held > 0 && (validator.isEmpty() || !validator.get().equals(fileValidator) || held > size)) {
                log.info("{}: changed since the held bytes were written; starting again from zero", source);
                restartFromZero();
            }
            if (held == 0) {
                validator = Optional.of(fileValidator);
                sink.recordValidator(fileValidator);
            }
            total = OptionalLong.of(size);
            checkFits(source);
            while (held < size) {
                checkCancelledAndDeadline(source);
                byte[] buffer = digests.borrow();
                int n = channel.read(ByteBuffer.wrap(buffer), held);
                if (n < 0) {
                    digests.giveBack(buffer);
                    throw new IOException("file shrank while being read");
                }
                accept(buffer, n);
            }
        }
    }

    /** Refuses a resource the server says is larger than the sink, before any of its body is read. */
    private void checkFits(URI source) throws IOException {
        if (capacity.isPresent() && total.isPresent() && total.getAsLong() > capacity.getAsLong()) {
            throw new SinkFullException(source.toString(), total, capacity.getAsLong(), sink.describe());
        }
        if (settings.maxBytes().isPresent()
                && total.isPresent()
                && total.getAsLong() > settings.maxBytes().getAsLong()) {
            throw new SizeLimitException(source.toString(), settings.maxBytes().getAsLong(), "the download");
        }
    }

    private void transferHttp(URI source) throws IOException {
        Request.Builder builder = new Request.Builder()
                .url(source.toString())
                // No transparent gzip: the ranges and digests are of the bytes as published.
                .header("Accept-Encoding", "identity");
        long offset = held;
        if (offset > 0) {
            builder.header("Range", "bytes=" + offset + "-");
            validator.ifPresent(v -> builder.header("If-Range", v));
        }
        Call call = client.newCall(builder.build());
        settings.deadline().ifPresent(limit -> {
            long left = limit.toNanos() - (System.nanoTime() - startNanos);
            call.timeout().timeout(Math.max(1, left), TimeUnit.NANOSECONDS);
        });
        Runnable unregister = cancellation.whenCancelled(call::cancel);
        try (Response response = execute(call)) {
            Optional<String> responseValidator = validatorOf(response);
            int code = response.code();
            ResponseBody body = response.body();
            if (code == 206) {
                Matcher range = CONTENT_RANGE.matcher(header(response, "Content-Range"));
                if (!range.matches() || Long.parseLong(range.group(1)) != offset) {
                    restartFromZero();
                    throw new IOException("the server sent a range other than the one asked for");
                }
                if (validator.isPresent() && responseValidator.isPresent() && !validator.equals(responseValidator)) {
                    restartFromZero();
                    throw new IOException("the resource changed between requests");
                }
                if (!range.group(3).equals("*")) {
                    total = OptionalLong.of(Long.parseLong(range.group(3)));
                }
            } else if (code == 200) {
                if (offset > 0) {
                    log.info(
                            "{}: the server sent the whole resource instead of a range; starting again from zero",
                            source);
                    listener.onRetry(source + ": the server sent the whole resource again; starting from zero");
                    restartFromZero();
                }
                long length = body == null ? -1 : body.contentLength();
                total = length >= 0 ? OptionalLong.of(length) : OptionalLong.empty();
            } else if (code == 416) {
                restartFromZero();
                throw new IOException("HTTP 416: the held bytes do not fit the resource any more");
            } else if (code == 408 || code == 429 || code >= 500) {
                throw new IOException("HTTP " + code);
            } else {
                throw new SourceUnusable("HTTP " + code);
            }
            if (held == 0) {
                validator = responseValidator;
                if (responseValidator.isPresent()) {
                    sink.recordValidator(responseValidator.get());
                }
            }
            if (body == null) {
                throw new IOException("no body");
            }
            checkFits(source);
            pump(body.source(), source);
        } finally {
            unregister.run();
        }
    }

    private Response execute(Call call) throws IOException {
        try {
            return call.execute();
        } catch (ProtocolException e) {
            // OkHttp's "Too many follow-up requests": a redirect loop does not heal by retrying.
            throw new SourceUnusable(e.getMessage());
        } catch (UnknownHostException e) {
            throw new SourceUnusable("unknown host " + e.getMessage());
        } catch (javax.net.ssl.SSLHandshakeException | javax.net.ssl.SSLPeerUnverifiedException e) {
            // An untrusted or wrong certificate does not heal by retrying.
            throw new SourceUnusable("TLS: " + firstLine(e.getMessage()));
        }
    }

    private void pump(BufferedSource body, URI source) throws IOException {
        while (true) {
            checkCancelledAndDeadline(source);
            byte[] buffer = digests.borrow();
            int n;
            try {
                n = body.read(buffer, 0, buffer.length);
            } catch (IOException e) {
                digests.giveBack(buffer);
                if (total.isPresent() && "unexpected end of stream".equals(e.getMessage())) {
                    // OkHttp's words for a body cut short: say where, as for a connection that ended cleanly.
                    throw new IOException("the connection ended at byte " + held + " of " + total.getAsLong(), e);
                }
                throw e;
            }
            if (n < 0) {
                digests.giveBack(buffer);
                break;
            }
            if (capacity.isPresent() && held + n > capacity.getAsLong()) {
                digests.giveBack(buffer);
                throw new SinkFullException(source.toString(), total, capacity.getAsLong(), sink.describe());
            }
            // A body with no Content-Length (or one that lies) is held to the cap as its bytes arrive.
            if (settings.maxBytes().isPresent()
                    && held + n > settings.maxBytes().getAsLong()) {
                digests.giveBack(buffer);
                throw new SizeLimitException(
                        source.toString(), settings.maxBytes().getAsLong(), "the download");
            }
            accept(buffer, n);
        }
        if (total.isPresent() && held != total.getAsLong()) {
            throw new IOException("the connection ended at byte " + held + " of " + total.getAsLong());
        }
    }

    /** Writes {@code n} bytes of a borrowed buffer to the sink, then hands them to the hasher. */
    private void accept(byte[] buffer, int n) throws IOException {
        try {
            sink.write(ByteBuffer.wrap(buffer, 0, n));
        } catch (IOException | RuntimeException e) {
            digests.giveBack(buffer);
            throw e;
        }
        digests.submit(buffer, n);
        held += n;
        rate.record(System.nanoTime(), n);
        emitProgress(false);
    }

    private void emitProgress(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastProgressNanos < settings.progressInterval().toNanos()) {
            return;
        }
        lastProgressNanos = now;
        double bytesPerSecond = rate.bytesPerSecond(now);
        Optional<Duration> eta = Optional.empty();
        if (total.isPresent() && bytesPerSecond > 0) {
            long left = Math.max(0, total.getAsLong() - held);
            eta = Optional.of(Duration.ofMillis((long) (left / bytesPerSecond * 1000)));
        }
        listener.onProgress(new Progress(held, total, bytesPerSecond, eta));
    }

    private static Optional<String> validatorOf(Response response) {
        String etag = response.header("ETag");
        if (etag != null && !etag.startsWith("W/")) {
            return Optional.of(etag); // weak ETags may not be used in If-Range (RFC 9110 13.1.5)
        }
        return Optional.ofNullable(response.header("Last-Modified"));
    }

    private static String header(Response response, String name) {
        String value = response.header(name);
        return value == null ? "" : value.strip();
    }

    private Map<HashAlgorithm, String> hexDigests() throws IOException {
        return digests.finish();
    }

    private Duration backoff(int attempt) {
        long millis = settings.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, settings.maxBackoff().toMillis()));
    }

    private void pause(Duration duration, URI source) throws IOException {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            checkCancelledAndDeadline(source);
            try {
                Thread.sleep(Math.max(1, Math.min(50, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadException(source + ": download interrupted");
            }
        }
    }

    private void checkCancelledAndDeadline(URI source) throws DownloadException {
        if (cancellation.isCancelled() || Thread.currentThread().isInterrupted()) {
            throw new DownloadException(source + ": download cancelled");
        }
        if (settings.deadline().isPresent()
                && System.nanoTime() - startNanos >= settings.deadline().get().toNanos()) {
            Duration limit = settings.deadline().get();
            String within = limit.toMillis() < 10_000 ? limit.toMillis() + " ms" : limit.toSeconds() + " s";
            throw new DownloadException(source + ": download did not finish within " + within);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof InterruptedIOException) {
            return "no data for too long (" + (e.getMessage() == null ? "timeout" : e.getMessage()) + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
    }

    /** Messages end up in one sentence on stderr: OkHttp's may span lines (certificate details). */
    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String first = message.lines().findFirst().orElse("").strip();
        return first.endsWith(":") ? first.substring(0, first.length() - 1) : first;
    }
}
