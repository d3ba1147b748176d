package io.gpudoctor.agent.container;

/** The engine that runs a container, as gpu-doctor's documents name it. */
public enum ContainerRuntime {
    DOCKER("docker"),
    CONTAINERD("containerd"),
    CRIO("cri-o"),
    PODMAN("podman");

    private final String label;

    ContainerRuntime(String label) {
        this.label = label;
    }

    /** The name in JSON and text output: {@code docker}, {@code containerd}, {@code cri-o}, {@code podman}. */
    public String label() {
        return label;
    }
}
