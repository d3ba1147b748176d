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
 */
public final class AccessPolicy {

    /** The daemon's default port, named in the refusal's hint when no other is given. */
    static final int DEFAULT_PORT = 9842;

    private final Optional<BasicAuthenticator> authenticator;
    private final ContainerAddresses containers;
    private final int port;

    /** A policy for a daemon listening on the default port. */
    public AccessPolicy(Optional<BasicAuthenticator> authenticator, ContainerAddresses containers) {
        this(authenticator, containers, DEFAULT_PORT);
    }

    /** @param port the port the daemon listens on, which a refused client is told to ask on from the host */
    public AccessPolicy(Optional<BasicAuthenticator> authenticator, ContainerAddresses containers, int port) {
        this.authenticator = authenticator;
        this.containers = containers;
        this.port = port;
    }

    /** Loopback clients only: no authentication, no container clients. */
    public static AccessPolicy loopbackOnly() {
        return new AccessPolicy(Optional.empty(), ContainerAddresses.NONE);
    }

    public Access decide(Caller caller) {
        if (caller.address().isLoopbackAddress() || caller.verifiedCertificate()
                || containers.isHostAddress(caller.address())) {
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
        String hint = ": on the node, run `gpu-doctor diagnose --container NAME` or `curl -s 'http://127.0.0.1:" + port
                + "/diagnose?container=NAME&format=text'`";
        Optional<String> blindness = containers.blindness();
        if (blindness.isPresent()) {
            return new Access.Denied("only clients on this host or in a container on this node may ask, and gpu-doctor"
                    + " cannot tell whether " + address + " is a container's: " + blindness.get() + hint);
        }
        return new Access.Denied("only clients on this host or in a container on this node may ask; " + address
                + " is not an address of this host and no container on this node holds it" + hint);
    }
}
