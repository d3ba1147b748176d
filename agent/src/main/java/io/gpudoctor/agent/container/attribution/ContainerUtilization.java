package io.gpudoctor.agent.container.attribution;

/**
 * How busy one container kept one GPU's SMs: a row of {@code nvidia_gpu_container_utilization_ratio}.
 *
 * @param smRatio the SM utilization of the container's processes on this GPU, summed, 0 to 1
 */
public record ContainerUtilization(int gpu, String uuid, WorkloadContainer container, double smRatio) {
}
