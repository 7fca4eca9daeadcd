package dev.webboot.fetch.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The system trust store, optionally extended with the certificates of a PEM bundle. */
public final class TrustManagers {
    private TrustManagers() {}

    public static X509TrustManager systemPlus(Path pemBundle) throws IOException {
        try {
            X509TrustManager system = fromKeyStore(null);
            KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
            extra.load(null, null);
            Collection<? extends Certificate> certificates;
            try (InputStream in = Files.newInputStream(pemBundle)) {
                certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certificates.isEmpty()) {
                throw new IOException(pemBundle + ": no certificates in this CA bundle");
            }
            int i = 0;
            for (Certificate certificate : certificates) {
                extra.setCertificateEntry("extra-" + i++, certificate);
            }
            return new Either(system, fromKeyStore(extra));
        } catch (GeneralSecurityException e) {
            throw new IOException(pemBundle + ": not a usable PEM CA bundle: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager fromKeyStore(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager");
    }

    /** Trusts a chain if either manager does. */
    private record Either(X509TrustManager first, X509TrustManager second) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("webboot does not accept client connections");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                second.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>(List.of(first.getAcceptedIssuers()));
            all.addAll(List.of(second.getAcceptedIssuers()));
            return all.toArray(new X509Certificate[0]);
        }
    }
}
