package dev.webboot.cli.menu;

import dev.webboot.api.catalog.CatalogEntry;
import java.net.URI;

/**
 * What the menu asks the boot flow to boot.
 *
 * @param entry the catalog entry chosen
 * @param source where to download it from: the entry's URL or one of its mirrors
 */
public record BootChoice(CatalogEntry entry, URI source) {}
