package io.gpudoctor.agent.container.attribution;

import java.util.Objects;

/**
 * How busy one process kept one GPU's SMs over NVML's last sample period, as NVML reports it.
 *
 * @param gpu       the GPU's NVML index
 * @param uuid      the GPU's UUID; empty text when NVML did not give it
 * @param pid       the process as the host numbers it
 * @param smPercent SM (3D/compute) utilization, in percent
 */
public record GpuProcessUtilization(int gpu, String uuid, long pid, int smPercent) {

    public GpuProcessUtilization {
        Objects.requireNonNull(uuid, "uuid");
    }
}
