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

    /**
     * Whether {@code ref} names this container as {@code --container REF} would: its id, an id
     * prefix of at least {@link ContainerResolver#MIN_PREFIX} characters, its name, its
     * {@code namespace/pod/container} or its {@code namespace/pod}.
     */
    public boolean isNamedBy(String ref) {
        return id.equals(ref)
                || ref.length() >= ContainerResolver.MIN_PREFIX && id.startsWith(ref)
                || name.filter(ref::equals).isPresent()
                || podPath().filter(ref::equals).isPresent()
                || namespace.flatMap(ns -> pod.map(p -> ns + "/" + p)).filter(ref::equals).isPresent();
    }

    /** How a person names it: {@code namespace/pod/container}, else its name, else its short id. */
    public String displayName() {
        return podPath().or(() -> name).orElse(id.substring(0, Math.min(id.length(), ContainerResolver.MIN_PREFIX)));
    }
}
