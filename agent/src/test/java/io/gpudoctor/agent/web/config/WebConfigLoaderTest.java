package io.gpudoctor.agent.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebConfigLoaderTest {

    @TempDir
    static Path dir;
    static TestCertificates certs;

    @BeforeAll
    static void make() throws Exception {
        certs = TestCertificates.makeIn(dir);
    }

    private static Path config(String name, String yaml) throws Exception {
        return Files.writeString(dir.resolve(name), yaml);
    }

    @Test
    void certificatesAreFoundNextToTheFile() throws Exception {
        WebConfig config = WebConfigLoader.load(config("ok.yml",
                "tls_server_config:\n  cert_file: server.crt\n  key_file: server-pkcs8.key\n"));
        assertThat(config.tls()).isPresent();
    }

    @Test
    void aMissingKeyFileIsRefusedByName() throws Exception {
        Path file = config("nokey.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: gone.key\n");
        assertThatThrownBy(() -> WebConfigLoader.load(file)).isInstanceOf(WebConfigException.class)
                .hasMessageStartingWith("web config " + file).hasMessageContaining("key_file")
                .hasMessageContaining("gone.key does not exist");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        Path file = config("mixed.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: client.key\n");
        assertThatThrownBy(() -> WebConfigLoader.load(file)).hasMessageContaining("does not belong to the certificate");
    }

    @Test
    void aMissingFileIsRefused() {
        assertThatThrownBy(() -> WebConfigLoader.load(dir.resolve("absent.yml"))).hasMessageContaining("no such file");
    }
}
