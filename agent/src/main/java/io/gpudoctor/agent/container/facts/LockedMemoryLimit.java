package io.gpudoctor.agent.container.facts;

import java.util.Objects;
import java.util.Optional;

/**
 * The container process's {@code RLIMIT_MEMLOCK}, from {@code /proc/<pid>/limits}: how much memory it
 * may pin. Pinned host memory for RDMA and GPUDirect, and NCCL over InfiniBand, need far more than
 * the 64 KiB or 8 MiB a container gets by default.
 *
 * @param softBytes the limit that applies; empty when unlimited
 * @param hardBytes the most the process may raise it to; empty when unlimited
 */
public record LockedMemoryLimit(Optional<Long> softBytes, Optional<Long> hardBytes) {

    public LockedMemoryLimit {
        Objects.requireNonNull(softBytes, "softBytes");
        Objects.requireNonNull(hardBytes, "hardBytes");
    }
}
