package io.gpudoctor.agent.container.checks;

import io.gpudoctor.agent.container.ContainerIdentity;

/**
 * How the container was started, so that a fix is written for that engine alone: a podman user
 * gains nothing from {@code docker run --gpus}, nor a pod's owner from either.
 */
enum Engine {
    DOCKER,
    PODMAN,
    /** A pod's container, whatever the runtime under the kubelet (containerd, CRI-O, cri-dockerd). */
    KUBERNETES,
    /** containerd without Kubernetes: nerdctl or ctr. */
    CONTAINERD;

    static Engine of(ContainerIdentity identity) {
        if (identity.pod().isPresent()) {
            return KUBERNETES;
        }
        return switch (identity.runtime()) {
            case "docker" -> DOCKER;
            case "podman" -> PODMAN;
            case "containerd" -> CONTAINERD;
            // CRI-O runs only the kubelet's containers.
            default -> KUBERNETES;
        };
    }

    /** Starting it again with every GPU, as this engine's users write it. */
    String withGpus() {
        return switch (this) {
            case DOCKER -> "`docker run --gpus all ...` (docker compose: `deploy.resources.reservations.devices:"
                    + " [{driver: nvidia, count: all, capabilities: [gpu]}]`)";
            case PODMAN -> "`podman run --device nvidia.com/gpu=all ...` (the CDI spec from `sudo nvidia-ctk cdi"
                    + " generate --output=/etc/cdi/nvidia.yaml`)";
            case KUBERNETES -> "`resources: {limits: {nvidia.com/gpu: 1}}` in the pod spec, with `runtimeClassName:"
                    + " nvidia` where nvidia is not the node's default runtime";
            case CONTAINERD -> "`nerdctl run --gpus all ...` (or `ctr run --gpus 0 ...`)";
        };
    }

    /** The thing to recreate: a pod's containers come back from its spec. */
    String recreate() {
        return this == KUBERNETES ? "recreate the pod" : "recreate the container";
    }
}
