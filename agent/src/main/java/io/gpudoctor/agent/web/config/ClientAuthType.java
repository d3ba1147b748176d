package io.gpudoctor.agent.web.config;

/** exporter-toolkit's {@code client_auth_type}: whether a TLS client must show a certificate, and whether it is verified. */
public enum ClientAuthType {
    NoClientCert(false, false, false),
    RequestClientCert(true, false, false),
    RequireAnyClientCert(true, true, false),
    VerifyClientCertIfGiven(true, false, true),
    RequireAndVerifyClientCert(true, true, true);

    private final boolean asks;
    private final boolean requires;
    private final boolean verifies;

    ClientAuthType(boolean asks, boolean requires, boolean verifies) {
        this.asks = asks;
        this.requires = requires;
        this.verifies = verifies;
    }

    /** Whether the server asks the client for a certificate. */
    public boolean asks() {
        return asks;
    }

    /** Whether a client without a certificate is refused at the handshake. */
    public boolean requires() {
        return requires;
    }

    /** Whether a client's certificate is checked against the client CA (and so authenticates it). */
    public boolean verifies() {
        return verifies;
    }
}
