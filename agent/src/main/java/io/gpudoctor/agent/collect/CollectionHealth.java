package io.gpudoctor.agent.collect;

import java.util.Set;
import java.util.TreeSet;

/**
 * What of a snapshot the host diagnosis depends on: whether NVML serves, whether a call is stuck,
 * and which GPUs could not be read. When it changes, the diagnosis is refreshed at once rather
 * than at its next turn, so a lost GPU or a driver gone down shows in {@code /diagnose} promptly.
 */
record CollectionHealth(boolean nvmlUp, boolean stuck, Set<Integer> staleGpus) {

    CollectionHealth {
        staleGpus = Set.copyOf(staleGpus);
    }

    static CollectionHealth of(GpuSnapshot snapshot) {
        Set<Integer> stale = new TreeSet<>();
        snapshot.freshness().stream().filter(GpuFreshness::stale).forEach(f -> stale.add(f.gpu()));
        return new CollectionHealth(snapshot.status().nvmlUp(), snapshot.status().stuckCall().isPresent(), stale);
    }
}
