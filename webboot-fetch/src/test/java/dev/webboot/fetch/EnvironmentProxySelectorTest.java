package dev.webboot.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.fetch.internal.EnvironmentProxySelector;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentProxySelectorTest {
    private final EnvironmentProxySelector selector = new EnvironmentProxySelector(Map.of(
            "https_proxy", "proxy.lan:3128",
            "http_proxy", "http://user:pw@proxy.lan:8080",
            "HTTP_PROXY", "http://evil.example:1",
            "no_proxy", "localhost,.internal.example, mirror.example:80"));

    @Test
    void schemesPickTheirVariable() {
        assertThat(selector.proxyFor(URI.create("https://a.example/x"))).contains(URI.create("http://proxy.lan:3128"));
        assertThat(selector.proxyFor(URI.create("http://a.example/x")))
                .contains(URI.create("http://user:pw@proxy.lan:8080"));
    }

    @Test
    void noProxyMatchesHostsAndDomainSuffixes() {
        assertThat(selector.proxyFor(URI.create("http://localhost/x"))).isEmpty();
        assertThat(selector.proxyFor(URI.create("https://a.internal.example/x")))
                .isEmpty();
        assertThat(selector.proxyFor(URI.create("https://internal.example/x"))).isEmpty();
        assertThat(selector.proxyFor(URI.create("https://mirror.example/x"))).isEmpty();
        assertThat(selector.proxyFor(URI.create("https://notinternal.example/x")))
                .isPresent();
    }

    @Test
    void upperCaseHttpProxyIsIgnoredLikeCurlDoes() {
        EnvironmentProxySelector upperOnly = new EnvironmentProxySelector(Map.of("HTTP_PROXY", "http://evil:1"));
        assertThat(upperOnly.proxyFor(URI.create("http://a.example/"))).isEmpty();
    }
}
