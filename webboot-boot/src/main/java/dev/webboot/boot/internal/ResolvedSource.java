package dev.webboot.boot.internal;

import dev.webboot.api.catalog.CatalogEntry;
import dev.webboot.fetch.DownloadRequest;
import dev.webboot.fetch.Expectation;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a boot's source turned out to be.
 *
 * @param download where the bytes come from (a local file as a {@code file:} URL), mirrors included
 * @param expectation the evidence the bytes must match
 * @param imageName the image's file name (what a sums file lists, and the name in the cache)
 * @param localFile the file, when the source is a local file
 * @param catalogEntry the catalog entry, when the source is a catalog id
 */
record ResolvedSource(
        DownloadRequest download,
        Expectation expectation,
        String imageName,
        Optional<Path> localFile,
        Optional<CatalogEntry> catalogEntry) {

    /** A one-line description for the log. */
    String describe() {
        String from = download.sources().get(0).toString();
        return catalogEntry
                .map(e -> e.id() + " (" + e.name() + " " + e.version() + ") from " + from)
                .orElse(from);
    }
}
