package dev.webboot.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with a certificate made by openssl: refused by the system trust store, accepted with --ca-bundle. */
class TlsTest {
    @TempDir
    Path dir;

    @Test
    void anExtraCaBundleIsTrustedAndNothingElse() throws Exception {
        DownloadFixtures.selfSignedCertificate(dir);
        String pem = Files.readString(dir.resolve("key.pem"), StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        Certificate certificate;
        try (InputStream in = Files.newInputStream(dir.resolve("cert.pem"))) {
            certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", key, new char[0], new Certificate[] {certificate});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, new char[0]);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);

        MockWebServer server = new MockWebServer();
        server.useHttps(tls.getSocketFactory(), false);
        server.enqueue(new MockResponse().setBody("over tls"));
        server.start(InetAddress.getLoopbackAddress(), 0);
        try {
            URI url = server.url("/image.iso").uri();
            assertThat(url.getScheme()).isEqualTo("https");
            Downloader untrusting = Downloader.builder()
                    .environment(Map.of())
                    .backoff(Duration.ofMillis(1), Duration.ofMillis(1))
                    .build();
            ByteArrayOutputStream refused = new ByteArrayOutputStream();
            assertThatThrownBy(() -> untrusting.download(
                            DownloadRequest.of(url), DownloadSinks.channel(Channels.newChannel(refused), "out")))
                    .isInstanceOf(DownloadException.class)
                    .hasMessageStartingWith(url + ": TLS: ");
            assertThat(refused.size()).isZero();

            Downloader trusting = Downloader.builder()
                    .environment(Map.of())
                    .extraCaBundle(dir.resolve("cert.pem"))
                    .build();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            trusting.download(DownloadRequest.of(url), DownloadSinks.channel(Channels.newChannel(out), "out"));
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("over tls");
        } finally {
            server.shutdown();
        }
    }
}
