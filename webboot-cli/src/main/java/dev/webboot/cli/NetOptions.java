package dev.webboot.cli;

import dev.webboot.api.catalog.Catalog;
import dev.webboot.fetch.Catalogs;
import dev.webboot.fetch.Downloader;
import dev.webboot.fetch.Fetcher;
import dev.webboot.fetch.Keyring;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import picocli.CommandLine.Option;

/** Options shared by the commands that download: the catalog, TLS, retries, time limits. */
final class NetOptions {
    @Option(names = "--catalog", paramLabel = "FILE|URL", description = "Use this catalog instead of the built-in one.")
    String catalog;

    @Option(
            names = "--catalog-keyring",
            paramLabel = "FILE",
            description = "Keyring whose keys may sign a catalog fetched from a URL.")
    List<Path> catalogKeyrings = new ArrayList<>();

    @Option(
            names = "--ca-bundle",
            paramLabel = "FILE",
            description = "Also trust the CA certificates in this PEM file.")
    Path caBundle;

    @Option(names = "--retries", paramLabel = "N", description = "Requests per source before the next (default 5).")
    int retries = 5;

    @Option(
            names = "--stall-timeout",
            paramLabel = "SECONDS",
            description = "Resume a connection that sends nothing for this long (default 30).")
    long stallSeconds = 30;

    @Option(names = "--deadline", paramLabel = "SECONDS", description = "Give up after this long (default: never).")
    long deadlineSeconds;

    Downloader downloader() throws IOException {
        return downloader(OptionalLong.empty());
    }

    /** A downloader that also refuses a download past {@code maxBytes} ({@code fetch}/{@code boot --max-size}). */
    Downloader downloader(OptionalLong maxBytes) throws IOException {
        Downloader.Builder builder =
                Downloader.builder().attemptsPerSource(retries).stallTimeout(Duration.ofSeconds(stallSeconds));
        maxBytes.ifPresent(builder::maxBytes);
        if (deadlineSeconds > 0) {
            builder.deadline(Duration.ofSeconds(deadlineSeconds));
        }
        if (caBundle != null) {
            builder.extraCaBundle(caBundle);
        }
        return builder.build();
    }

    Catalog catalog(Fetcher fetcher) throws IOException {
        if (catalog == null) {
            return Catalogs.builtIn();
        }
        Keyring keys = catalogKeyrings.isEmpty() ? Keyring.empty() : Keyring.load(catalogKeyrings.toArray(Path[]::new));
        return Catalogs.load(catalog, fetcher, keys, Set.of());
    }

    /** A URL as given, or a local path as a file: URL. */
    static URI uriOf(String urlOrFile) {
        if (urlOrFile.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            return URI.create(urlOrFile);
        }
        return Path.of(urlOrFile).toAbsolutePath().toUri();
    }
}
