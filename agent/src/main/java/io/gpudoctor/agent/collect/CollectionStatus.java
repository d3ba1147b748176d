package io.gpudoctor.agent.collect;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How one collection cycle went: the agent's own metrics ({@code gpu_doctor_nvml_up},
 * {@code gpu_doctor_collection_*}) are read from it.
 *
 * @param finishedAt when the cycle ended
 * @param duration   how long it took
 * @param success    whether every GPU was read this cycle (none stale, NVML answered)
 * @param nvmlUp     whether NVML was initialised and answering
 * @param stuckCall  the native call that has not returned, while one has not
 * @param cycles     how many cycles ran since the daemon started, this one included
 * @param callErrors the driver calls that failed since the daemon started, by call and error
 */
public record CollectionStatus(Instant finishedAt, Duration duration, boolean success, boolean nvmlUp,
                               Optional<String> stuckCall, long cycles, List<CallErrorCount> callErrors) {

    public CollectionStatus {
        callErrors = List.copyOf(callErrors);
    }
}
