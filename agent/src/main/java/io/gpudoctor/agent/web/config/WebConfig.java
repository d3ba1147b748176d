package io.gpudoctor.agent.web.config;

import java.util.Map;
import java.util.Optional;

/**
 * What a web config file (exporter-toolkit format) asks of the HTTP server.
 *
 * @param tls            TLS settings; empty for plain HTTP
 * @param headers        {@code http_server_config.headers}, put on every answer
 * @param basicAuthUsers user name → bcrypt hash; empty when basic auth is off
 */
public record WebConfig(Optional<TlsSettings> tls, Map<String, String> headers, Map<String, String> basicAuthUsers) {

    public WebConfig {
        headers = Map.copyOf(headers);
        basicAuthUsers = Map.copyOf(basicAuthUsers);
    }

    /** No web config file: plain HTTP, no authentication, no extra headers. */
    public static WebConfig none() {
        return new WebConfig(Optional.empty(), Map.of(), Map.of());
    }

    /** Hides the hashes. */
    @Override
    public String toString() {
        return "WebConfig[tls=" + tls.isPresent() + ", headers=" + headers.keySet() + ", users="
                + basicAuthUsers.keySet() + "]";
    }
}
