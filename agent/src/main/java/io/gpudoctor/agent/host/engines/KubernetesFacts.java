package io.gpudoctor.agent.host.engines;

import io.gpudoctor.agent.diagnosis.Evidence;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a Kubernetes node agent uses this host's container engine, and which distribution: a
 * CRI engine's GPU runtime matters only when something asks it for pods.
 *
 * @param users       what shows a kubelet here: its process ({@code kubelet}, {@code k3s-server},
 *                    {@code kubelite}) or the files its distribution keeps
 * @param distributions the distributions those show ({@code kubelet}, {@code k3s}, {@code RKE2},
 *                      {@code MicroK8s}, {@code Talos}), each once
 * @param criEndpoint the kubelet's {@code --container-runtime-endpoint}, when it says one
 */
public record KubernetesFacts(List<Evidence> users, Set<String> distributions, Optional<String> criEndpoint) {

    /** Distributions that run their own containerd: their CRI is containerd whatever else is installed. */
    static final Set<String> EMBED_CONTAINERD = Set.of("k3s", "RKE2", "MicroK8s", "Talos");

    public KubernetesFacts {
        users = List.copyOf(users);
        distributions = Set.copyOf(distributions);
    }

    public static KubernetesFacts none() {
        return new KubernetesFacts(List.of(), Set.of(), Optional.empty());
    }

    /** Whether the node agent here is one that brings its own containerd. */
    public boolean embedsContainerd() {
        return distributions.stream().anyMatch(EMBED_CONTAINERD::contains);
    }

    public boolean present() {
        return !users.isEmpty();
    }

    /** Whether the kubelet's CRI endpoint names CRI-O's socket. */
    public boolean endpointIsCrio() {
        return criEndpoint.map(endpoint -> endpoint.contains("crio")).orElse(false);
    }

    /** Whether the kubelet's CRI endpoint names a containerd socket. */
    public boolean endpointIsContainerd() {
        return criEndpoint.map(endpoint -> endpoint.contains("containerd")).orElse(false);
    }
}
