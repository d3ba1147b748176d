package io.gpudoctor.agent.container.attribution;

import java.util.Objects;
import java.util.Optional;

/**
 * One process's use of one GPU, as NVML reports it: what the attribution starts from.
 *
 * @param gpu             the GPU's NVML index
 * @param uuid            the GPU's UUID; empty text when NVML did not give it
 * @param pid             the process as the host numbers it
 * @param usedMemoryBytes empty when NVML cannot tell (inside some containers, under MIG, on Windows-model drivers)
 */
public record GpuProcessUse(int gpu, String uuid, long pid, Optional<Long> usedMemoryBytes) {

    public GpuProcessUse {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(usedMemoryBytes, "usedMemoryBytes");
    }
}
