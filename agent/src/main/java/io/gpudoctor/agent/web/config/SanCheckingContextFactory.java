package io.gpudoctor.agent.web.config;

import java.security.KeyStore;
import java.security.cert.CRL;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty's server TLS factory with exporter-toolkit's two client-certificate twists: for
 * {@code RequestClientCert} and {@code RequireAnyClientCert} any certificate is accepted
 * unverified, and {@code client_allowed_sans} refuses, at the handshake, a certificate that
 * carries none of the allowed SANs (DNS, IP, e-mail or URI).
 */
final class SanCheckingContextFactory extends SslContextFactory.Server {

    private final Set<String> allowedSans;
    private final boolean acceptUnverified;

    SanCheckingContextFactory(Set<String> allowedSans, boolean acceptUnverified) {
        this.allowedSans = allowedSans;
        this.acceptUnverified = acceptUnverified;
    }

    @Override
    protected TrustManager[] getTrustManagers(KeyStore trustStore, Collection<? extends CRL> crls) throws Exception {
        TrustManager[] managers = acceptUnverified ? new TrustManager[] {new AnyCertificate()}
                : super.getTrustManagers(trustStore, crls);
        if (allowedSans.isEmpty()) {
            return managers;
        }
        TrustManager[] checked = new TrustManager[managers.length];
        for (int i = 0; i < managers.length; i++) {
            checked[i] = managers[i] instanceof X509TrustManager x509 ? new SanCheck(x509) : managers[i];
        }
        return checked;
    }

    /** Accepts every client certificate: its holder is then known, not authenticated. */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a server does not check servers");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private final class SanCheck implements X509TrustManager {
        private final X509TrustManager delegate;

        SanCheck(X509TrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
            if (chain.length == 0 || !hasAllowedSan(chain[0])) {
                throw new CertificateException("the client certificate carries none of client_allowed_sans");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }

        private boolean hasAllowedSan(X509Certificate certificate) throws CertificateParsingException {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans == null) {
                return false;
            }
            return sans.stream().filter(san -> san.size() >= 2 && san.get(1) instanceof String)
                    .anyMatch(san -> allowedSans.contains((String) san.get(1)));
        }
    }
}
