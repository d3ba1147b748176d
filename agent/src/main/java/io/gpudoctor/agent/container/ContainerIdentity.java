package io.gpudoctor.agent.container;

import java.util.Objects;
import java.util.Optional;

/**
 * A running container on this host, as found from its processes' cgroups and its runtime's files.
 * Holds no environment variables: those carry secrets.
 *
 * @param id        the full container id, 64 lowercase hex characters
 * @param runtime   {@code docker}, {@code containerd}, {@code cri-o} or {@code podman}
 * @param name      the Kubernetes container name in a pod, else the runtime's name (Docker's without its {@code /})
 * @param pod       the Kubernetes pod's name
 * @param namespace the Kubernetes pod's namespace
 * @param podUid    the Kubernetes pod's UID
 * @param pid       the container's init process, as the host numbers it
 * @param bundle    the host path of the container's OCI {@code config.json}
 */
public record ContainerIdentity(String id, String runtime, Optional<String> name, Optional<String> pod,
                                Optional<String> namespace, Optional<String> podUid, long pid,
                                Optional<String> bundle) {

    public ContainerIdentity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(podUid, "podUid");
        Objects.requireNonNull(bundle, "bundle");
    }

    /** {@code namespace/pod/container} for a Kubernetes container; empty otherwise. */
    public Optional<String> podPath() {
        if (namespace.isEmpty() || pod.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(namespace.get() + "/" + pod.get() + name.map(n -> "/" + n).orElse(""));
    }
}
