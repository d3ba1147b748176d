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
 */
public final class AccessPolicy {

    private final Optional<BasicAuthenticator> authenticator;
    private final ContainerAddresses containers;

    public AccessPolicy(Optional<BasicAuthenticator> authenticator, ContainerAddresses containers) {
        this.authenticator = authenticator;
        this.containers = containers;
    }

    /** Loopback clients only: no authentication, no container clients. */
    public static AccessPolicy loopbackOnly() {
        return new AccessPolicy(Optional.empty(), ContainerAddresses.NONE);
    }

    public Access decide(Caller caller) {
        if (caller.address().isLoopbackAddress() || caller.verifiedCertificate()) {
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
}
