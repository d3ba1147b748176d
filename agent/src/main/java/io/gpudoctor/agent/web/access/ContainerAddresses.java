package io.gpudoctor.agent.web.access;

import io.gpudoctor.agent.container.ContainerIdentity;
import java.net.InetAddress;
import java.util.List;

/** Which containers on this node own a network address. */
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
}
