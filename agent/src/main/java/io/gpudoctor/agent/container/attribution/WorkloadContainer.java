package io.gpudoctor.agent.container.attribution;

import io.gpudoctor.agent.container.ContainerIdentity;
import java.util.Objects;
import java.util.Optional;

/**
 * The labels that say whose a GPU's memory is: a container as the workload metrics name it. Leaves
 * out a container's pid and bundle path, which change on restart and would only split series.
 *
 * @param id        the full container id
 * @param runtime   {@code docker}, {@code containerd}, {@code cri-o} or {@code podman}
 * @param name      the Kubernetes container name, else the runtime's name
 * @param pod       the Kubernetes pod's name
 * @param namespace the Kubernetes pod's namespace
 */
public record WorkloadContainer(String id, String runtime, Optional<String> name, Optional<String> pod,
                                Optional<String> namespace) {

    /** How many characters of an id people are shown, as Docker does. */
    public static final int SHORT_ID = 12;

    public WorkloadContainer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(namespace, "namespace");
    }

    public static WorkloadContainer of(ContainerIdentity identity) {
        return new WorkloadContainer(identity.id(), identity.runtime(), identity.name(), identity.pod(),
                identity.namespace());
    }

    /** The id's first {@link #SHORT_ID} characters. */
    public String shortId() {
        return id.substring(0, Math.min(SHORT_ID, id.length()));
    }
}
