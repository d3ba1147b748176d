package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.container.attribution.Attribution;
import io.gpudoctor.agent.gpus.GpuInventory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one collection cycle knows about the GPUs: immutable, so scrapes, {@code /api} and the
 * status page read it from any thread without a lock and never call the driver themselves.
 *
 * <p>A GPU whose calls failed or hung this cycle keeps its last good reading in {@code inventory};
 * {@code freshness} says how old that reading is and why it was not renewed.
 *
 * @param inventory   the GPUs, their processes attributed to containers (as {@code gpu-doctor gpus} shows them)
 * @param attribution per-process rows (bounded per GPU) and per-container totals, for the workload metrics
 * @param freshness   one entry per GPU of {@code inventory}, in the same order
 * @param xids        Xid events counted since the daemon started, from NVML's event API and the kernel log
 * @param status      how the cycle that made this snapshot went
 */
public record GpuSnapshot(GpuInventory inventory, Attribution attribution, List<GpuFreshness> freshness,
                          List<XidCount> xids, CollectionStatus status) {

    public GpuSnapshot {
        freshness = List.copyOf(freshness);
        xids = List.copyOf(xids);
    }

    /** The freshness of the GPU with this NVML index, if the snapshot has it. */
    public Optional<GpuFreshness> freshnessOf(int gpu) {
        return freshness.stream().filter(f -> f.gpu() == gpu).findFirst();
    }

    /** When the cycle that made this snapshot finished. */
    public Instant collectedAt() {
        return status.finishedAt();
    }
}
