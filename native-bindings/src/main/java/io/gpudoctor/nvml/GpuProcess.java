package io.gpudoctor.nvml;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A process with a context on a GPU.
 *
 * @param usedMemoryBytes   empty where NVML reports {@code NVML_VALUE_NOT_AVAILABLE} (e.g. under WDDM or
 *                          without permission)
 * @param gpuInstanceId     MIG GPU instance, empty when MIG is off
 * @param computeInstanceId MIG compute instance, empty when MIG is off
 */
public record GpuProcess(long pid, OptionalLong usedMemoryBytes, OptionalInt gpuInstanceId,
                         OptionalInt computeInstanceId, ProcessKind kind) {
}
