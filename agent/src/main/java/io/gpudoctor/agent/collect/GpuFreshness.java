package io.gpudoctor.agent.collect;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How current one GPU's reading is. A stale reading is the last good one, kept so that a GPU
 * whose driver call hung does not vanish from dashboards; {@code staleBecause} says which call
 * failed or hung.
 *
 * @param gpu          the NVML index
 * @param uuid         the GPU's UUID, empty when it was never read
 * @param readAt       when the reading in the snapshot was taken
 * @param staleBecause empty when this cycle renewed the reading
 */
public record GpuFreshness(int gpu, Optional<String> uuid, Instant readAt, Optional<String> staleBecause) {

    /** Whether the reading is older than the cycle that carries it. */
    public boolean stale() {
        return staleBecause.isPresent();
    }

    /** The reading's age at {@code now}; never negative. */
    public Duration age(Instant now) {
        Duration age = Duration.between(readAt, now);
        return age.isNegative() ? Duration.ZERO : age;
    }
}
