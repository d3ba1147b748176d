package io.gpudoctor.agent.web.access;

import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.agent.web.auth.BasicAuthenticator;
import java.util.List;
import java.util.Optional;

/**
 * Who may see what (DESIGN "HTTP"): clients on the host (loopback or any of the host's own
 * addresses) and authenticated clients everything; a client in a container on this node its own
 * container's diagnosis; anyone else nothing. With basic auth configured, a client that could get
 * in with credentials is asked for them (401) rather than refused (403).
 *
 * <p>With basic auth configured every path asks for credentials, as exporter-toolkit does:
 * {@code /metrics} and the probes too ({@link #decideOpen}), and clients on the host too unless
 * {@code loopbackWithoutCredentials}. A client in a container still gets its own container's
 * diagnosis without them: it tells the caller about itself only, and it is what a developer
 * without the node's credentials needs.
 */
public final class AccessPolicy {

    /** The daemon's default port, named in the refusal's hint when no other is given. */
    static final int DEFAULT_PORT = 9842;

    private final Optional<BasicAuthenticator> authenticator;
    private final boolean loopbackWithoutCredentials;
    private final ContainerAddresses containers;
    private final int port;

    /** A policy for a daemon listening on the default port; clients on the host need credentials when basic auth is on. */
    public AccessPolicy(Optional<BasicAuthenticator> authenticator, ContainerAddresses containers) {
        this(authenticator, false, containers, DEFAULT_PORT);
    }

    /** @param port the port the daemon listens on, which a refused client is told to ask on from the host */
    public AccessPolicy(Optional<BasicAuthenticator> authenticator, ContainerAddresses containers, int port) {
        this(authenticator, false, containers, port);
    }

    /**
     * @param loopbackWithoutCredentials whether clients on the host get everything without credentials
     *                                   even when basic auth is configured
     * @param port                       the port the daemon listens on, which a refused client is told to ask on
     */
    public AccessPolicy(Optional<BasicAuthenticator> authenticator, boolean loopbackWithoutCredentials,
                        ContainerAddresses containers, int port) {
        this.authenticator = authenticator;
        this.loopbackWithoutCredentials = loopbackWithoutCredentials;
        this.containers = containers;
        this.port = port;
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
        boolean onHost = caller.address().isLoopbackAddress() || containers.isHostAddress(caller.address());
        if (onHost && (authenticator.isEmpty() || loopbackWithoutCredentials) || caller.verifiedCertificate()) {
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
        String address = caller.address().getHostAddress();
        String hint = ": on the node, run `sudo gpu-doctor diagnose --container NAME` or `curl -s 'http://127.0.0.1:" + port
                + "/diagnose?container=NAME&format=text'`";
        Optional<String> blindness = containers.blindness();
        if (blindness.isPresent()) {
            // The daemon's own state, not the caller's doing: say so.
            return new Access.Denied("gpu-doctor cannot tell which container on this node " + address + " is, so it"
                    + " answers only clients on the host for now: " + blindness.get() + hint);
        }
        return new Access.Denied("only clients on this host or in a container on this node may ask; " + address
                + " is not an address of this host and no container on this node holds it" + hint);
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
