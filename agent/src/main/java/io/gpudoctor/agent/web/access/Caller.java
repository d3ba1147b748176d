package io.gpudoctor.agent.web.access;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Who sent a request, as far as access is concerned.
 *
 * @param address             the connection's source address (never a forwarded-for header: anyone can write one)
 * @param authorization       the {@code Authorization} header; never logged
 * @param verifiedCertificate whether the TLS client presented a certificate the server verified against its client CA
 */
public record Caller(InetAddress address, Optional<String> authorization, boolean verifiedCertificate) {

    /** A caller without credentials. */
    public static Caller at(InetAddress address) {
        return new Caller(address, Optional.empty(), false);
    }

    /** Hides the credentials. */
    @Override
    public String toString() {
        return "Caller[" + address.getHostAddress() + (authorization.isPresent() ? ", with credentials" : "")
                + (verifiedCertificate ? ", with a verified certificate" : "") + "]";
    }
}
