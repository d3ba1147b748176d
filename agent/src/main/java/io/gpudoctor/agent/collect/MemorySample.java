package io.gpudoctor.agent.collect;

import java.time.Instant;
import java.util.Map;

/**
 * The GPUs' used memory at one moment: a point of the status page's memory chart.
 *
 * @param usedBytes used frame-buffer bytes by NVML index; a GPU that could not be read is absent
 */
public record MemorySample(Instant at, Map<Integer, Long> usedBytes) {

    public MemorySample {
        usedBytes = Map.copyOf(usedBytes);
    }
}
