package io.gpudoctor.agent.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpudoctor.agent.collect.ScenarioStates;
import io.gpudoctor.agent.web.access.AccessPolicy;
import io.gpudoctor.agent.web.config.TestCertificates;
import io.gpudoctor.agent.web.config.WebConfig;
import io.gpudoctor.agent.web.config.WebConfigLoader;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS handshakes against a started server with certificates made at test time. */
class TlsServerTest {

    @TempDir
    static Path dir;
    static TestCertificates certs;

    @BeforeAll
    static void make() throws Exception {
        certs = TestCertificates.makeIn(dir);
    }

    private static WebServer server(String yaml) throws Exception {
        WebConfig config = WebConfigLoader.load(Files.writeString(dir.resolve("web.yml"), yaml));
        WebServer server = WebServer.create(WebTestInputs.LOCAL, WebTestInputs.of(ScenarioStates.source("dgx-h100"),
                AccessPolicy.loopbackOnly(), config, WebLimits.DEFAULT));
        server.start();
        return server;
    }

    private static SSLContext client(boolean withCertificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certs.file("ca.crt"))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        if (withCertificate) {
            try (InputStream in = Files.newInputStream(certs.file("client.p12"))) {
                keys.load(in, "changeit".toCharArray());
            }
        } else {
            keys.load(null, null);
        }
        kmf.init(keys, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private static int get(WebServer server, SSLContext context, String protocol) throws Exception {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {protocol});
        HttpClient client = HttpClient.newBuilder().sslContext(context).sslParameters(parameters)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/healthz"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static final String PLAIN = "tls_server_config:\n  cert_file: server.crt\n  key_file: server-pkcs1.key\n";

    @Test
    void tls12AndTls13AreServed() throws Exception {
        WebServer server = server(PLAIN);
        try {
            assertThat(get(server, client(false), "TLSv1.2")).isEqualTo(200);
            assertThat(get(server, client(false), "TLSv1.3")).isEqualTo(200);
        } finally {
            server.stop();
        }
    }

    @Test
    void aTls11ClientIsRejected() throws Exception {
        WebServer server = server(PLAIN);
        try {
            String target = "127.0.0.1:" + server.port();
            TestCertificates.Result tls12 = certs.run("s_client", "-connect", target, "-tls1_2",
                    "-cipher", "DEFAULT:@SECLEVEL=0");
            assertThat(tls12.output()).as("the same client gets in with TLS 1.2").contains("New, TLSv1.2, Cipher is");
            TestCertificates.Result tls11 = certs.run("s_client", "-connect", target, "-tls1_1",
                    "-cipher", "DEFAULT:@SECLEVEL=0");
            assertThat(tls11.status()).isNotZero();
            assertThat(tls11.output()).contains("alert protocol version", "Cipher is (NONE)");
        } finally {
            server.stop();
        }
    }

    @Test
    void min13RefusesTls12() throws Exception {
        WebServer server = server(PLAIN + "  min_version: TLS13\n");
        try {
            assertThat(get(server, client(false), "TLSv1.3")).isEqualTo(200);
            assertThatThrownBy(() -> get(server, client(false), "TLSv1.2")).isInstanceOf(java.io.IOException.class);
        } finally {
            server.stop();
        }
    }

    @Test
    void aVerifiedClientCertificateIsRequiredWhenConfigured() throws Exception {
        WebServer server = server(PLAIN + "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ca.crt\n");
        try {
            assertThat(get(server, client(true), "TLSv1.3")).isEqualTo(200);
            assertThatThrownBy(() -> get(server, client(false), "TLSv1.2")).isInstanceOf(java.io.IOException.class);
        } finally {
            server.stop();
        }
    }

    @Test
    void aClientCertificateWithoutAnAllowedSanIsRejected() throws Exception {
        String yaml = PLAIN + "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ca.crt\n";
        WebServer allowed = server(yaml + "  client_allowed_sans: [scraper.example]\n");
        try {
            assertThat(get(allowed, client(true), "TLSv1.2")).isEqualTo(200);
        } finally {
            allowed.stop();
        }
        WebServer other = server(yaml + "  client_allowed_sans: [someone.else]\n");
        try {
            assertThatThrownBy(() -> get(other, client(true), "TLSv1.2")).isInstanceOf(java.io.IOException.class);
        } finally {
            other.stop();
        }
    }

    @Test
    void anEcKeyServes() throws Exception {
        WebServer server = server("tls_server_config:\n  cert_file: server-ec.crt\n  key_file: server-ec.key\n");
        try {
            TestCertificates.Result result = certs.run("s_client", "-connect", "127.0.0.1:" + server.port(), "-tls1_3");
            assertThat(result.output()).contains("New, TLSv1.3, Cipher is");
        } finally {
            server.stop();
        }
    }
}
