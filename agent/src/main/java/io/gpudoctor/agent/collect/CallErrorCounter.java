package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.gpus.CallError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the driver calls that failed, by call and error, since the daemon started, for
 * {@code gpu_doctor_collection_errors_total}. Calls and errors are a fixed vocabulary (the facade's
 * call names, NVML's error names), so the counts stay few.
 */
final class CallErrorCounter {

    private final Map<String, Map<String, Long>> counts = new TreeMap<>();

    /** Counts a cycle's failed calls. */
    void add(List<CallError> errors) {
        for (CallError e : errors) {
            counts.computeIfAbsent(e.call(), c -> new TreeMap<>()).merge(e.error(), 1L, Long::sum);
        }
    }

    /** The counts so far, ordered by call and error. */
    List<CallErrorCount> counts() {
        List<CallErrorCount> all = new ArrayList<>();
        counts.forEach((call, byError) -> byError.forEach((error, n) -> all.add(new CallErrorCount(call, error, n))));
        return List.copyOf(all);
    }
}
