package dev.webboot.boot.internal;

import dev.webboot.api.catalog.Catalog;
import dev.webboot.api.catalog.CatalogEntry;
import dev.webboot.boot.BootException;
import dev.webboot.boot.BootPhase;
import dev.webboot.boot.BootRequest;
import dev.webboot.boot.UnknownDistroException;
import dev.webboot.fetch.Catalogs;
import dev.webboot.fetch.DownloadRequest;
import dev.webboot.fetch.Expectation;
import dev.webboot.fetch.Fetcher;
import dev.webboot.fetch.HashAlgorithm;
import dev.webboot.fetch.Keyring;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a request's source and evidence into a download and an {@link Expectation}: a catalog id (built-in catalog,
 * or the request's), a URL, or a local file. Evidence the request gives ({@code --sha256}, {@code --sums}) replaces a
 * catalog entry's.
 */
public final class SourceResolver {
    private SourceResolver() {}

    /** Whether {@code source} names a catalog entry rather than a URL or a file. */
    public static boolean isCatalogId(String source) {
        return !source.contains("://") && !source.contains("/") && !Files.exists(Path.of(source));
    }

    /** Whether {@code text} is a URL (has a scheme), not a local path. */
    static boolean isUrl(String text) {
        return text.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    }

    /** A URL as given, or a local path as a {@code file:} URL. */
    public static URI uriOf(String urlOrFile) {
        if (isUrl(urlOrFile)) {
            return URI.create(urlOrFile);
        }
        return Path.of(urlOrFile).toAbsolutePath().toUri();
    }

    /** Loads the request's catalog, or the built-in one. */
    public static Catalog catalog(BootRequest request, Fetcher fetcher) throws IOException {
        if (request.catalog().isEmpty()) {
            return Catalogs.builtIn();
        }
        Keyring keys = request.catalogKeyrings().isEmpty()
                ? Keyring.empty()
                : Keyring.load(request.catalogKeyrings().toArray(Path[]::new));
        return Catalogs.load(request.catalog().get(), fetcher, keys, Set.of());
    }

    private static List<URI> mirrorsOf(BootRequest request) throws BootException {
        List<URI> mirrors = new ArrayList<>();
        for (String mirror : request.mirrors()) {
            mirrors.add(uriOf(mirror));
        }
        return mirrors;
    }

    static ResolvedSource resolve(BootRequest request, Fetcher fetcher) throws IOException {
        Keyring keys = request.keyrings().isEmpty()
                ? Keyring.empty()
                : Keyring.load(request.keyrings().toArray(Path[]::new));
        String source = request.source();
        DownloadRequest download;
        Expectation expectation = new Expectation.Nothing();
        Optional<CatalogEntry> entry = Optional.empty();
        Optional<Path> localFile = Optional.empty();
        if (isCatalogId(source)) {
            Catalog catalog = catalog(request, fetcher);
            CatalogEntry found =
                    catalog.find(source).orElseThrow(() -> new UnknownDistroException(source, catalog.source()));
            entry = Optional.of(found);
            // The request's mirrors are the user's choice (the menu's mirror screen, --mirror): tried first.
            download =
                    DownloadRequest.of(found.url()).withMirrors(found.mirrors()).preferring(mirrorsOf(request));
            expectation = Catalogs.expectation(found, keys);
        } else {
            URI uri = uriOf(source);
            if ("file".equals(uri.getScheme())) {
                Path file = Path.of(uri);
                if (!Files.isRegularFile(file)) {
                    throw new BootException(BootPhase.RESOLVE, file + ": no such file");
                }
                localFile = Optional.of(file);
            }
            try {
                download = DownloadRequest.of(uri);
            } catch (IllegalArgumentException e) {
                throw new BootException(BootPhase.RESOLVE, e.getMessage(), e);
            }
        }
        if (entry.isEmpty()) {
            download = download.withMirrors(mirrorsOf(request));
        }
        String imageName = baseName(download.sources().get(0).getPath());
        if (request.sha256().isPresent()) {
            try {
                expectation = new Expectation.Digest(
                        HashAlgorithm.SHA256, request.sha256().get());
            } catch (IllegalArgumentException e) {
                throw new BootException(BootPhase.RESOLVE, "--sha256: " + e.getMessage(), e);
            }
        } else if (request.sums().isPresent()) {
            expectation = new Expectation.SignedSums(
                    uriOf(request.sums().get()),
                    request.signature().map(SourceResolver::uriOf),
                    keys,
                    Set.of(),
                    imageName);
        }
        return new ResolvedSource(download, expectation, imageName, localFile, entry);
    }

    /** Every URL the resolved boot fetches: the image's sources and the evidence. */
    static List<URI> urls(ResolvedSource resolved) {
        List<URI> urls = new ArrayList<>(resolved.download().sources());
        if (resolved.expectation() instanceof Expectation.SignedSums sums) {
            urls.add(sums.sums());
            sums.signature().ifPresent(urls::add);
        } else if (resolved.expectation() instanceof Expectation.SignedImage image) {
            urls.add(image.signature());
        }
        return urls;
    }

    /** The last segment of a URL path: the name a sums file lists the image under. */
    static String baseName(String path) {
        String trimmed = path == null ? "" : path;
        int slash = trimmed.lastIndexOf('/');
        String name = slash < 0 ? trimmed : trimmed.substring(slash + 1);
        return name.isEmpty() ? "image.iso" : name;
    }
}
