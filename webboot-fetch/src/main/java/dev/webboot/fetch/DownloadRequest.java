package dev.webboot.fetch;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What to download: one resource, available at one or more sources (the first is preferred, the others are mirrors
 * tried in order when it fails), and the digests to compute while the bytes stream past.
 */
public record DownloadRequest(List<URI> sources, Set<HashAlgorithm> algorithms) {
    public DownloadRequest {
        sources = List.copyOf(sources);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("a download needs at least one source");
        }
        for (URI source : sources) {
            String scheme = source.getScheme() == null ? "" : source.getScheme();
            if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
                throw new IllegalArgumentException(source + ": only http, https and file URLs can be fetched");
            }
        }
        algorithms = algorithms.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(algorithms));
    }

    /** One source, SHA-256 and SHA-512. */
    public static DownloadRequest of(URI source) {
        return new DownloadRequest(List.of(source), EnumSet.of(HashAlgorithm.SHA256, HashAlgorithm.SHA512));
    }

    public DownloadRequest withAlgorithms(Set<HashAlgorithm> newAlgorithms) {
        return new DownloadRequest(sources, newAlgorithms);
    }

    /**
     * The same sources with {@code first} tried before the others, each source once: a user's chosen mirror beats the
     * order a catalog lists them in.
     */
    public DownloadRequest preferring(List<URI> first) {
        java.util.LinkedHashSet<URI> ordered = new java.util.LinkedHashSet<>(first);
        ordered.addAll(sources);
        return new DownloadRequest(List.copyOf(ordered), algorithms);
    }

    public DownloadRequest withMirrors(List<URI> mirrors) {
        List<URI> all = new java.util.ArrayList<>(sources);
        all.addAll(mirrors);
        return new DownloadRequest(all, algorithms);
    }
}
