package io.gpudoctor.agent.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateKeysTest {

    @TempDir
    static Path dir;
    static TestCertificates certs;

    @BeforeAll
    static void make() throws Exception {
        certs = TestCertificates.makeIn(dir);
    }

    @Test
    void readsAPkcs1RsaKey() throws Exception {
        String pem = Files.readString(certs.file("server-pkcs1.key"));
        assertThat(pem).contains("BEGIN RSA PRIVATE KEY");
        assertThat(PrivateKeys.parse(pem).getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void readsAPkcs8Key() throws Exception {
        assertThat(PrivateKeys.parse(Files.readString(certs.file("server-pkcs8.key"))).getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void readsASec1EcKeyAfterItsParameters() throws Exception {
        String pem = Files.readString(certs.file("server-ec.key"));
        assertThat(pem).contains("BEGIN EC PARAMETERS", "BEGIN EC PRIVATE KEY");
        assertThat(PrivateKeys.parse(pem).getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void refusesAnEncryptedKey() throws Exception {
        certs.run("pkcs8", "-topk8", "-in", "server-pkcs1.key", "-out", "encrypted.key", "-passout", "pass:x");
        assertThatThrownBy(() -> PrivateKeys.parse(Files.readString(certs.file("encrypted.key"))))
                .hasMessageContaining("encrypted");
    }

    @Test
    void refusesTextWithoutAKey() {
        assertThatThrownBy(() -> PrivateKeys.parse("")).hasMessageContaining("no PEM private key");
        assertThatThrownBy(() -> PrivateKeys.parse("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
                .hasMessageContaining("not a readable");
        assertThatThrownBy(() -> PrivateKeys.parse("-----BEGIN EC PRIVATE KEY-----\nMAA=\n-----END EC PRIVATE KEY-----\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
