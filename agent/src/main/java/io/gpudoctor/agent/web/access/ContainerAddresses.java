package io.gpudoctor.agent.web.access;

import io.gpudoctor.agent.container.ContainerIdentity;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** Which containers on this node own a network address, and which addresses are the host's own. */
@FunctionalInterface
public interface ContainerAddresses {

    /** No container owns any address: only loopback and authenticated clients get in. */
    ContainerAddresses NONE = address -> List.of();

    /**
     * The containers of the one network namespace that holds {@code address}; empty when no
     * container's does, or when it cannot be told which (containers in the host's namespace, an
     * address held by two namespaces).
     */
    List<ContainerIdentity> containersAt(InetAddress address);

    /** Whether {@code address} is one of the host's own: any address of the host's network namespace. */
    default boolean isHostAddress(InetAddress address) {
        return false;
    }

    /**
     * Why no address can be matched to a container now (the host's network namespace cannot be
     * read, so a container's cannot be told from it); empty when addresses can be matched.
     */
    default Optional<String> blindness() {
        return Optional.empty();
    }
}
