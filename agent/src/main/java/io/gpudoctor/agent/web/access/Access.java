package io.gpudoctor.agent.web.access;

import io.gpudoctor.agent.container.ContainerIdentity;
import java.util.List;

/** What a client may see of {@code /diagnose}, {@code /api/*} and the status page. */
public sealed interface Access {

    /** A loopback or authenticated client: everything, any container. */
    record Everything() implements Access {
    }

    /**
     * A client whose source address belongs to a container on this node: the diagnosis of its own
     * container only. Several containers when they share one network namespace (a pod's).
     */
    record OwnContainers(List<ContainerIdentity> containers) implements Access {

        public OwnContainers {
            containers = List.copyOf(containers);
            if (containers.isEmpty()) {
                throw new IllegalArgumentException("a container client has at least one container");
            }
        }
    }

    /** Credentials would help: answered 401 with {@code WWW-Authenticate: Basic}. */
    record Challenge(String reason) implements Access {
    }

    /** Nothing: answered 403. */
    record Denied(String reason) implements Access {
    }
}
