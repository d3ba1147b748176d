package io.gpudoctor.agent.web.access;

import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.agent.web.auth.BasicAuthenticator;
import java.util.List;
import java.util.Optional;

/**
 * Who may see what (DESIGN "HTTP"): loopback clients and authenticated clients everything; a
 * client in a container on this node its own container's diagnosis; anyone else nothing. With
 * basic auth configured, a client that could get in with credentials is asked for them (401)
 * rather than refused (403).
 *
 * <p>With basic auth configured every path asks for credentials, as exporter-toolkit does:
 * {@code /metrics} and the probes too ({@link #decideOpen}), and loopback clients too unless
 * {@code loopbackWithoutCredentials}. A client in a container still gets its own container's
 * diagnosis without them: it tells the caller about itself only, and it is what a developer
 * without the node's credentials needs.
 */
public final class AccessPolicy {

    private final Optional<BasicAuthenticator> authenticator;
    private final boolean loopbackWithoutCredentials;
    private final ContainerAddresses containers;

    /** Loopback clients need credentials whenever basic auth is configured. */
    public AccessPolicy(Optional<BasicAuthenticator> authenticator, ContainerAddresses containers) {
        this(authenticator, false, containers);
    }

    /**
     * @param loopbackWithoutCredentials whether loopback clients get everything without credentials
     *                                   even when basic auth is configured
     */
    public AccessPolicy(Optional<BasicAuthenticator> authenticator, boolean loopbackWithoutCredentials,
                        ContainerAddresses containers) {
        this.authenticator = authenticator;
        this.loopbackWithoutCredentials = loopbackWithoutCredentials;
        this.containers = containers;
    }

    /** Loopback clients only: no authentication, no container clients. */
    public static AccessPolicy loopbackOnly() {
        return new AccessPolicy(Optional.empty(), ContainerAddresses.NONE);
    }

    /** The basic-auth users' checker, when the web config has users. */
    public Optional<BasicAuthenticator> authenticator() {
        return authenticator;
    }

    /** What a caller may see of {@code /diagnose}, {@code /api/*} and the status page. */
    public Access decide(Caller caller) {
        boolean trustedLoopback = caller.address().isLoopbackAddress()
                && (authenticator.isEmpty() || loopbackWithoutCredentials);
        if (trustedLoopback || caller.verifiedCertificate()) {
            return new Access.Everything();
        }
        if (authenticator.isPresent() && caller.authorization().isPresent()) {
            return authenticator.get().authenticate(caller.authorization().get())
                    ? new Access.Everything()
                    : new Access.Challenge("wrong user name or password");
        }
        List<ContainerIdentity> own = containers.containersAt(caller.address());
        if (!own.isEmpty()) {
            return new Access.OwnContainers(own);
        }
        if (authenticator.isPresent()) {
            return new Access.Challenge("authentication required");
        }
        // A host-network container shares the host's addresses and cannot be told apart from the
        // host: the way left is asking on the host itself.
        return new Access.Denied("only clients on this host or in a container on this node may ask; "
                + caller.address().getHostAddress() + " is neither (a container in the host's network cannot be"
                + " told apart from the host): on the node, run `gpu-doctor diagnose --container NAME`"
                + " or `curl -s 'http://127.0.0.1:9842/diagnose?container=NAME&format=text'`");
    }

    /**
     * Whether a caller may read the paths open to all without basic auth: {@code /metrics},
     * {@code /healthz}, {@code /readyz}. With basic auth configured, only {@link Access.Everything}
     * may; anyone else is asked for credentials.
     */
    public Access decideOpen(Caller caller) {
        if (authenticator.isEmpty()) {
            return new Access.Everything();
        }
        Access access = decide(caller);
        return access instanceof Access.Everything || access instanceof Access.Challenge
                ? access : new Access.Challenge("authentication required");
    }
}
