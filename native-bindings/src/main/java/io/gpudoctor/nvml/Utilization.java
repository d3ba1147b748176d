package io.gpudoctor.nvml;

/** Percent of the last sample period during which a kernel ran / memory was read or written (0–100). */
public record Utilization(int gpuPercent, int memoryPercent) {
}
