package io.gpudoctor.agent.container.attribution;

/**
 * One container's memory on one GPU: a row of {@code nvidia_gpu_container_memory_used_bytes}.
 *
 * <p>A process whose memory NVML could not tell is counted in {@code processesWithUnknownMemory},
 * not as zero: {@code usedMemoryBytes} is then a lower bound, and a consumer can say so instead of
 * showing a partial sum as the whole.
 *
 * @param usedMemoryBytes            the sum over the container's processes on this GPU whose memory is known
 * @param processes                  the container's processes on this GPU
 * @param processesWithUnknownMemory how many of them NVML gave no memory for
 */
public record ContainerMemory(int gpu, String uuid, WorkloadContainer container, long usedMemoryBytes,
                              int processes, int processesWithUnknownMemory) {
}
