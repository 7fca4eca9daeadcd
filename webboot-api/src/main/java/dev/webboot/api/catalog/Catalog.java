package dev.webboot.api.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The distributions webboot knows how to fetch and verify.
 *
 * @param schema the catalog format version (this code reads version 1)
 * @param source where the catalog came from (a resource, a file, a URL)
 * @param entries the releases, in display order
 */
public record Catalog(int schema, String source, List<CatalogEntry> entries) {
    public Catalog {
        entries = List.copyOf(entries);
    }

    public Optional<CatalogEntry> find(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }
}
