package io.gpudoctor.agent.container.watch;

import io.gpudoctor.agent.container.ContainerIdentity;
import java.util.Objects;

/**
 * A running container that asked for a GPU or uses one: one the daemon diagnoses.
 *
 * @param identity the container
 * @param ask      why it is watched; never {@link GpuAsk#NONE}
 */
public record WatchedContainer(ContainerIdentity identity, GpuAsk ask) {

    public WatchedContainer {
        Objects.requireNonNull(identity, "identity");
        if (!ask.asked()) {
            throw new IllegalArgumentException("a watched container asked for a GPU or uses one");
        }
    }
}
