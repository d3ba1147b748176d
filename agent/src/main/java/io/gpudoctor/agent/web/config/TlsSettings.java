package io.gpudoctor.agent.web.config;

import java.util.List;
import java.util.Optional;

/**
 * The {@code tls_server_config} of a web config, checked but not yet read from disk.
 *
 * @param cipherSuites       JSSE names of the TLS 1.2 suites to offer; empty for the runtime's defaults
 * @param clientAllowedSans  when not empty, a client certificate must carry one of these SANs
 */
public record TlsSettings(PemSource certificate, PemSource privateKey, ClientAuthType clientAuth,
                          Optional<PemSource> clientCa, TlsVersion minVersion, TlsVersion maxVersion,
                          List<String> cipherSuites, boolean preferServerCipherSuites,
                          List<String> clientAllowedSans) {

    public TlsSettings {
        cipherSuites = List.copyOf(cipherSuites);
        clientAllowedSans = List.copyOf(clientAllowedSans);
    }
}
