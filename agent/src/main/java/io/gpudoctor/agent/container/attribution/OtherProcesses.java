package io.gpudoctor.agent.container.attribution;

/**
 * The processes of one GPU beyond the top N that get a row each, summed so that the per-process
 * rows and this together still add up to every process's memory.
 *
 * @param usedMemoryBytes            the sum over those processes whose memory is known
 * @param processesWithUnknownMemory how many of them NVML gave no memory for
 */
public record OtherProcesses(int gpu, String uuid, int processes, long usedMemoryBytes,
                             int processesWithUnknownMemory) {
}
