package io.gpudoctor.nvml;

/**
 * One process's share of a GPU's engines over NVML's last sample period: an entry of
 * {@code nvmlDeviceGetProcessUtilization}. NVML only lists processes that used the GPU in that
 * period, so a running process without a sample was idle.
 *
 * @param pid             the process as the host numbers it
 * @param timestampMicros the CPU time of the sample, in microseconds: pass the largest one seen as the
 *                        next call's {@code lastSeenTimestampMicros} to read only newer samples
 * @param smPercent       SM (3D/compute) utilization, in percent
 * @param memoryPercent   frame buffer (memory controller) utilization, in percent
 * @param encoderPercent  video encoder utilization, in percent
 * @param decoderPercent  video decoder utilization, in percent
 */
public record ProcessUtilizationSample(long pid, long timestampMicros, int smPercent, int memoryPercent,
                                       int encoderPercent, int decoderPercent) {
}
