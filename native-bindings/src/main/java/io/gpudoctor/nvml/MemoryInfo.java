package io.gpudoctor.nvml;

import java.util.OptionalLong;

/**
 * Frame-buffer memory of a GPU. {@code reservedBytes} is known only where the driver has
 * {@code nvmlDeviceGetMemoryInfo_v2} (R510 and later); the v1 call has no such field.
 */
public record MemoryInfo(long totalBytes, long freeBytes, long usedBytes, OptionalLong reservedBytes) {
}
