package io.gpudoctor.agent.web.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Builds the Jetty TLS setup of a {@code tls_server_config}: reads the certificate chain, the
 * private key and the client CA (PEM), checks that key and certificate belong together, and
 * applies versions, cipher suites and client authentication. Every problem is a
 * {@link WebConfigException} naming the key, so the daemon refuses to start with a clear line.
 */
public final class TlsContextFactory {

    /** A PEM file larger than this is no certificate or key. */
    static final int MAX_PEM_BYTES = 1 << 20;

    private static final List<String> TLS13_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");

    private TlsContextFactory() {
    }

    /** A configured, not yet started, Jetty TLS context factory. */
    public static SslContextFactory.Server create(TlsSettings settings) throws WebConfigException {
        List<X509Certificate> chain = certificates(settings.certificate());
        PrivateKey key;
        try {
            key = PrivateKeys.parse(read(settings.privateKey()));
        } catch (IllegalArgumentException e) {
            throw new WebConfigException("tls_server_config." + settings.privateKey().key() + ": " + e.getMessage());
        }
        checkPair(chain.get(0), key, settings);
        char[] password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16)).toCharArray();
        SanCheckingContextFactory factory = new SanCheckingContextFactory(Set.copyOf(settings.clientAllowedSans()),
                !settings.clientAuth().verifies());
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", key, password, chain.toArray(X509Certificate[]::new));
            factory.setKeyStore(keys);
            factory.setKeyStorePassword(new String(password));
            factory.setKeyManagerPassword(new String(password));
            if (settings.clientCa().isPresent()) {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                int n = 0;
                for (X509Certificate ca : certificates(settings.clientCa().get())) {
                    trust.setCertificateEntry("client-ca-" + n++, ca);
                }
                factory.setTrustStore(trust);
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new WebConfigException("tls_server_config: the certificate and key cannot be used: " + e.getMessage());
        }
        factory.setIncludeProtocols(TlsVersion.protocols(settings.minVersion(), settings.maxVersion())
                .toArray(String[]::new));
        if (!settings.cipherSuites().isEmpty()) {
            List<String> suites = new ArrayList<>(settings.cipherSuites());
            suites.addAll(supportedTls13Suites());
            factory.setExcludeCipherSuites();
            factory.setIncludeCipherSuites(suites.toArray(String[]::new));
        }
        factory.setUseCipherSuitesOrder(settings.preferServerCipherSuites());
        factory.setNeedClientAuth(settings.clientAuth().requires());
        factory.setWantClientAuth(settings.clientAuth().asks() && !settings.clientAuth().requires());
        factory.setSniRequired(false);
        return factory;
    }

    private static List<String> supportedTls13Suites() throws WebConfigException {
        try {
            Set<String> supported = Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
            return TLS13_SUITES.stream().filter(supported::contains).toList();
        } catch (GeneralSecurityException e) {
            throw new WebConfigException("this Java runtime has no TLS implementation");
        }
    }

    private static List<X509Certificate> certificates(PemSource source) throws WebConfigException {
        String pem = read(source);
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (PemBlock block : PemBlock.parse(pem)) {
                if (block.type().equals("CERTIFICATE")) {
                    try (InputStream in = new ByteArrayInputStream(block.der())) {
                        certificates.add((X509Certificate) factory.generateCertificate(in));
                    }
                }
            }
        } catch (CertificateException | IOException e) {
            throw new WebConfigException("tls_server_config." + source.key() + ": not a valid X.509 certificate ("
                    + e.getMessage() + ")");
        }
        if (certificates.isEmpty()) {
            throw new WebConfigException("tls_server_config." + source.key() + ": no PEM CERTIFICATE block found");
        }
        return certificates;
    }

    /** Go's {@code X509KeyPair} check: a key that does not sign for the certificate's public key is a mix-up. */
    private static void checkPair(X509Certificate certificate, PrivateKey key, TlsSettings settings)
            throws WebConfigException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] probe = "gpu-doctor".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // A key of another algorithm than the certificate's: reported as a mismatch below.
        }
        throw new WebConfigException("tls_server_config: the private key (" + settings.privateKey().key()
                + ") does not belong to the certificate (" + settings.certificate().key() + ")");
    }

    private static String read(PemSource source) throws WebConfigException {
        if (source instanceof PemSource.Inline inline) {
            return inline.pem();
        }
        PemSource.File file = (PemSource.File) source;
        try {
            if (!Files.isRegularFile(file.path())) {
                throw new WebConfigException("tls_server_config." + file.key() + ": " + file.path()
                        + (Files.exists(file.path()) ? " is not a regular file" : " does not exist"));
            }
            if (Files.size(file.path()) > MAX_PEM_BYTES) {
                throw new WebConfigException("tls_server_config." + file.key() + ": " + file.path()
                        + " is larger than " + MAX_PEM_BYTES + " bytes");
            }
            return Files.readString(file.path(), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new WebConfigException("tls_server_config." + file.key() + ": " + file.path() + " does not exist");
        } catch (IOException e) {
            throw new WebConfigException("tls_server_config." + file.key() + ": cannot read " + file.path() + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
