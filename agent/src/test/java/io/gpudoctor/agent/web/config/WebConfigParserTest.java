package io.gpudoctor.agent.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebConfigParserTest {

    private static final Path BASE = Path.of("/etc/gpu-doctor");
    private static final String HASH = "$2y$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi";

    private static WebConfig parse(String yaml) throws WebConfigException {
        return WebConfigParser.parse(yaml, BASE);
    }

    @Test
    void anEmptyFileTurnsNothingOn() throws Exception {
        assertThat(parse("")).isEqualTo(WebConfig.none());
    }

    @Test
    void aFullFileIsRead() throws Exception {
        WebConfig config = parse("""
                tls_server_config:
                  cert_file: server.crt
                  key_file: /etc/ssl/server.key
                  client_auth_type: RequireAndVerifyClientCert
                  client_ca_file: ca.crt
                  min_version: TLS13
                  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305]
                http_server_config:
                  http2: false
                  headers:
                    X-Frame-Options: deny
                    Strict-Transport-Security: max-age=31536000
                basic_auth_users:
                  prometheus: %s
                """.formatted(HASH));
        TlsSettings tls = config.tls().orElseThrow();
        assertThat(tls.certificate()).isEqualTo(new PemSource.File("cert_file", BASE.resolve("server.crt")));
        assertThat(tls.privateKey()).isEqualTo(new PemSource.File("key_file", Path.of("/etc/ssl/server.key")));
        assertThat(tls.clientAuth()).isEqualTo(ClientAuthType.RequireAndVerifyClientCert);
        assertThat(tls.minVersion()).isEqualTo(TlsVersion.TLS13);
        assertThat(tls.maxVersion()).isEqualTo(TlsVersion.TLS13);
        assertThat(tls.cipherSuites()).containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
        assertThat(config.headers()).containsEntry("X-Frame-Options", "deny");
        assertThat(config.basicAuthUsers()).isEqualTo(Map.of("prometheus", HASH));
        assertThat(config.toString()).doesNotContain(HASH);
    }

    @Test
    void tlsDefaultsToTls12ThroughTls13WithoutClientCertificates() throws Exception {
        TlsSettings tls = parse("tls_server_config:\n  cert_file: a.crt\n  key_file: a.key\n").tls().orElseThrow();
        assertThat(tls.minVersion()).isEqualTo(TlsVersion.TLS12);
        assertThat(tls.maxVersion()).isEqualTo(TlsVersion.TLS13);
        assertThat(tls.clientAuth()).isEqualTo(ClientAuthType.NoClientCert);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad YAML|tls_server_config: [unclosed|not valid YAML",
        "unknown top key|tls_config: {}|unknown key \"tls_config\"",
        "unknown TLS key|'tls_server_config: {cert_file: a, key_file: b, cert_fle: c}'|unknown key \"cert_fle\"",
        "no key|'tls_server_config: {cert_file: a}'|missing one of key or key_file",
        "no cert|'tls_server_config: {key_file: a}'|missing one of cert or cert_file",
        "TLS 1.1|'tls_server_config: {cert_file: a, key_file: b, min_version: TLS11}'|TLS11 is not accepted",
        "TLS 1.4|'tls_server_config: {cert_file: a, key_file: b, min_version: TLS14}'|is not a TLS version",
        "max below min|'tls_server_config: {cert_file: a, key_file: b, min_version: TLS13, max_version: TLS12}'|"
                + "max_version TLS12 is below min_version TLS13",
        "bad client auth|'tls_server_config: {cert_file: a, key_file: b, client_auth_type: Maybe}'|is not one of",
        "CA without client auth|'tls_server_config: {cert_file: a, key_file: b, client_ca_file: c}'|NoClientCert",
        "verify without CA|'tls_server_config: {cert_file: a, key_file: b, client_auth_type: "
                + "RequireAndVerifyClientCert}'|needs client_ca_file",
        "unknown cipher|'tls_server_config: {cert_file: a, key_file: b, cipher_suites: [TLS_FAKE]}'|unknown cipher",
        "curves|'tls_server_config: {cert_file: a, key_file: b, curve_preferences: [X25519]}'|curve_preferences",
        "SANs without a required cert|'tls_server_config: {cert_file: a, key_file: b, client_allowed_sans: [x]}'|"
                + "client_allowed_sans requires",
        "other header|'http_server_config: {headers: {X-Powered-By: me}}'|\"X-Powered-By\" can not be configured",
        "bad frame options|'http_server_config: {headers: {X-Frame-Options: allow}}'|invalid value for X-Frame-Options",
        "bad nosniff|'http_server_config: {headers: {X-Content-Type-Options: sniff}}'|expected one of [nosniff]",
        "plain password|'basic_auth_users: {alice: hunter2}'|is not a bcrypt hash",
        "user with colon|'basic_auth_users: {\"a:b\": x}'|holds ':'",
        "duplicate key|'basic_auth_users: {a: x, a: y}'|not valid YAML",
        "not a mapping|'- a\n- b'|must be a mapping",
    })
    void malformedFilesAreRefusedWithAClearMessage(String what, String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).as(what).isInstanceOf(WebConfigException.class)
                .hasMessageContaining(message).hasMessageNotContaining("hunter2").hasMessageNotContaining("\n");
    }
}
