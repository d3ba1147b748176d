package io.gpudoctor.agent.container.watch;

/** One sign that a container asked for a GPU, or uses one. */
public enum GpuAskSource {

    /** {@code NVIDIA_VISIBLE_DEVICES} names devices (CUDA images set it to {@code all}). */
    ENVIRONMENT("NVIDIA_VISIBLE_DEVICES"),
    /** The OCI bundle has {@code /dev/nvidia*} devices, the NVIDIA hook or a CDI {@code nvidia.com/} request. */
    BUNDLE("OCI bundle"),
    /** It runs under an NVIDIA runtime: Docker's {@code --runtime}/{@code --gpus}, or a RuntimeClass handler. */
    RUNTIME("nvidia runtime"),
    /** NVML lists one of its processes on a GPU. */
    GPU_PROCESS("process on a GPU");

    private final String label;

    GpuAskSource(String label) {
        this.label = label;
    }

    /** How the status page names it. */
    public String label() {
        return label;
    }
}
