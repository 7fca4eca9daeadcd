package dev.webboot.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webboot.api.catalog.Catalog;
import dev.webboot.api.catalog.CatalogEntry;
import dev.webboot.api.catalog.SignatureTarget;
import dev.webboot.api.io.BoundedReads;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads distro catalogs (JSON, schema 1): the built-in one, a local file, or a URL. A catalog from a URL must come
 * with a detached signature at {@code URL.sig} by a key of the keyring given for catalogs.
 */
public final class Catalogs {
    /** The schema version this code reads. */
    public static final int SCHEMA = 1;

    private static final String RESOURCE = "catalog/catalog.json";
    private static final int MAX_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Catalogs() {}

    /** The catalog shipped with webboot. */
    public static Catalog builtIn() throws IOException {
        try (InputStream in = Catalogs.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the built-in catalog resource " + RESOURCE + " is missing");
            }
            return parse("built-in catalog", BoundedReads.readAll(in, RESOURCE, MAX_BYTES, "a catalog"));
        }
    }

    /**
     * Loads a catalog named on the command line. A local file is trusted as given (like a keyring file); a URL must
     * carry a valid signature at {@code URL.sig} by a key in {@code catalogKeys} (pinned to {@code pinned}, when not
     * empty).
     */
    public static Catalog load(String fileOrUrl, Fetcher fetcher, Keyring catalogKeys, Set<String> pinned)
            throws IOException {
        if (fileOrUrl.startsWith("http://") || fileOrUrl.startsWith("https://")) {
            URI url = URI.create(fileOrUrl);
            if (catalogKeys.fingerprints().isEmpty()) {
                throw new VerificationException(
                        fileOrUrl + ": a catalog from a URL must be signed; give the keyring that signs it");
            }
            byte[] bytes = fetcher.fetchSmall(url, MAX_BYTES, "a catalog");
            URI signatureUrl = URI.create(fileOrUrl + ".sig");
            byte[] signature = fetcher.fetchSmall(signatureUrl, MAX_BYTES, "a catalog's signature");
            OpenPgp.verifyDetached(
                    new java.io.ByteArrayInputStream(bytes),
                    fileOrUrl,
                    signature,
                    signatureUrl.toString(),
                    catalogKeys,
                    pinned);
            return parse(fileOrUrl, bytes);
        }
        Path path = Path.of(fileOrUrl);
        return parse(path.toString(), BoundedReads.readAll(path, MAX_BYTES, "a catalog"));
    }

    /** Parses catalog JSON; {@code name} is used in messages. */
    public static Catalog parse(String name, byte[] json) throws VerificationException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new VerificationException(
                    name + ": not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new VerificationException(name + ": a catalog is a JSON object");
        }
        int schema = root.path("schema").asInt(-1);
        if (schema != SCHEMA) {
            throw new VerificationException(name + ": catalog schema " + schema + " is not the supported " + SCHEMA);
        }
        JsonNode entries = root.path("entries");
        if (!entries.isArray()) {
            throw new VerificationException(name + ": has no \"entries\" array");
        }
        List<CatalogEntry> parsed = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode entry : entries) {
            CatalogEntry e = entry(name, entry);
            if (!ids.add(e.id())) {
                throw new VerificationException(name + ": lists \"" + e.id() + "\" twice");
            }
            parsed.add(e);
        }
        return new Catalog(schema, name, parsed);
    }

    private static CatalogEntry entry(String name, JsonNode node) throws VerificationException {
        String id = text(name, node, "id", "?");
        return new CatalogEntry(
                id,
                text(name, node, "name", id),
                text(name, node, "version", id),
                text(name, node, "arch", id),
                uri(name, id, text(name, node, "url", id)),
                uris(name, id, node.path("mirrors")),
                optionalUri(name, id, node.path("sums")),
                optionalUri(name, id, node.path("signature")),
                target(name, id, node.path("signatureCovers").asText("none")),
                strings(node.path("fingerprints")).stream()
                        .map(Keyring::normalizeFingerprint)
                        .toList(),
                strings(node.path("keys")),
                text(name, node, "family", id),
                node.path("minPmemBytes").asLong(0),
                node.path("checked").asText(""),
                node.path("notes").asText(""));
    }

    private static String text(String name, JsonNode node, String field, String id) throws VerificationException {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new VerificationException(name + ": entry \"" + id + "\" has no \"" + field + "\"");
        }
        return value.asText();
    }

    private static SignatureTarget target(String name, String id, String value) throws VerificationException {
        try {
            return SignatureTarget.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new VerificationException(name + ": entry \"" + id + "\" has signatureCovers \"" + value
                    + "\" (expected sums, image or none)");
        }
    }

    private static URI uri(String name, String id, String value) throws VerificationException {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null) {
                throw new URISyntaxException(value, "no scheme");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new VerificationException(name + ": entry \"" + id + "\" has a bad URL " + value);
        }
    }

    private static Optional<URI> optionalUri(String name, String id, JsonNode node) throws VerificationException {
        return node.isTextual() ? Optional.of(uri(name, id, node.asText())) : Optional.empty();
    }

    private static List<URI> uris(String name, String id, JsonNode node) throws VerificationException {
        List<URI> result = new ArrayList<>();
        for (String value : strings(node)) {
            result.add(uri(name, id, value));
        }
        return result;
    }

    private static List<String> strings(JsonNode node) {
        List<String> result = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> result.add(n.asText()));
        }
        return result;
    }

    /** The keys shipped for an entry (empty when webboot has none for it). */
    public static Keyring keyring(CatalogEntry entry) throws IOException {
        Keyring keyring = Keyring.empty();
        for (String resource : entry.keyResources()) {
            try (InputStream in = Catalogs.class.getResourceAsStream("catalog/" + resource)) {
                if (in == null) {
                    throw new IOException("catalog entry " + entry.id() + ": key resource " + resource + " is missing");
                }
                keyring = keyring.plus(
                        Keyring.read(resource, BoundedReads.readAll(in, resource, Keyring.MAX_BYTES, "a keyring")));
            }
        }
        return keyring;
    }

    /**
     * What an entry's image must match: its signed sums or signed image, checked with the shipped keys plus
     * {@code extraKeys}, trusting only the pinned fingerprints (or, when the entry pins none, every key the user
     * gave in {@code extraKeys}).
     */
    public static Expectation expectation(CatalogEntry entry, Keyring extraKeys) throws IOException {
        Keyring keys = keyring(entry).plus(extraKeys);
        Set<String> pins = Set.copyOf(entry.fingerprints());
        String imageName = ChecksumFile.baseName(entry.url().getPath());
        return switch (entry.signatureCovers()) {
            case IMAGE -> entry.signature().isPresent()
                    ? new Expectation.SignedImage(entry.signature().get(), keys, pins)
                    : new Expectation.Nothing();
            case SUMS -> entry.sums().isPresent()
                    ? new Expectation.SignedSums(entry.sums().get(), entry.signature(), keys, pins, imageName)
                    : new Expectation.Nothing();
            case NONE -> entry.sums().isPresent()
                    ? new Expectation.SignedSums(entry.sums().get(), Optional.empty(), keys, pins, imageName)
                    : new Expectation.Nothing();
        };
    }
}
