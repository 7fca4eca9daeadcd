package dev.webboot.fetch.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Proxies from the environment the way curl reads it: {@code https_proxy}/{@code HTTPS_PROXY} for https,
 * {@code http_proxy} (lower case only: the upper-case name can be set by a CGI request header) for http, and
 * {@code no_proxy}/{@code NO_PROXY}: comma-separated host names or domain suffixes, {@code *} for all.
 */
public final class EnvironmentProxySelector extends ProxySelector {
    private final Map<String, String> environment;

    public EnvironmentProxySelector(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The proxy URL for a request URL, if any. */
    public Optional<URI> proxyFor(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (bypassed(host)) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String value =
                switch (scheme) {
                    case "https" -> first("https_proxy", "HTTPS_PROXY");
                    case "http" -> first("http_proxy");
                    default -> "";
                };
        if (value.isBlank()) {
            return Optional.empty();
        }
        String withScheme = value.contains("://") ? value : "http://" + value;
        return Optional.of(URI.create(withScheme.strip()));
    }

    private boolean bypassed(String host) {
        String noProxy = first("no_proxy", "NO_PROXY");
        for (String raw : noProxy.split(",")) {
            String entry = raw.strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                return true;
            }
            int colon = entry.lastIndexOf(':');
            if (colon > 0 && entry.indexOf(':') == colon) {
                entry = entry.substring(0, colon); // host:port entries match the host
            }
            String suffix = entry.startsWith(".") ? entry.substring(1) : entry;
            if (host.equals(suffix) || host.endsWith("." + suffix)) {
                return true;
            }
        }
        return false;
    }

    private String first(String... names) {
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }

    @Override
    public List<Proxy> select(URI uri) {
        Optional<URI> proxy = proxyFor(uri);
        if (proxy.isEmpty()) {
            return List.of(Proxy.NO_PROXY);
        }
        URI p = proxy.get();
        int port = p.getPort() > 0 ? p.getPort() : (p.getScheme().equals("https") ? 443 : 80);
        return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.getHost(), port)));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        // Nothing to remember: the downloader retries and fails over itself.
    }
}
