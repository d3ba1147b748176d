package io.gpudoctor.agent.web.config;

import java.util.Arrays;
import java.util.List;

/** The TLS versions a web config may name; TLS 1.0 and 1.1 are refused (min_version defaults to TLS12). */
public enum TlsVersion {
    TLS12("TLSv1.2"),
    TLS13("TLSv1.3");

    private final String protocol;

    TlsVersion(String protocol) {
        this.protocol = protocol;
    }

    /** The JSSE protocol name. */
    public String protocol() {
        return protocol;
    }

    /** The JSSE protocols from {@code min} to {@code max}. */
    public static List<String> protocols(TlsVersion min, TlsVersion max) {
        return Arrays.stream(values()).filter(v -> v.compareTo(min) >= 0 && v.compareTo(max) <= 0)
                .map(TlsVersion::protocol).toList();
    }
}
