package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.nativecall.BoundedCaller;
import io.gpudoctor.agent.nativecall.CallOutcome;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Runs each container's diagnosis on a worker thread with a deadline, so that a container whose
 * files hang (a stuck network mount, a frozen process's {@code /proc} files) costs a pass one
 * deadline and never blocks the other containers. A worker that does not return is abandoned with
 * its container: that container is not diagnosed again until the worker ends, and at most
 * {@link #MAX_ABANDONED} workers are ever abandoned at once, so hanging containers cannot pile up
 * threads. Used by one thread.
 */
final class BoundedContainerDiagnoses implements AutoCloseable {

    /** The name of the worker threads. */
    static final String THREAD = "gpu-doctor-container";

    /** Past this many stuck workers something is wrong with the whole host; waiting is better than more threads. */
    static final int MAX_ABANDONED = 4;

    private final Duration deadline;
    private final Map<String, BoundedCaller> abandoned = new HashMap<>();
    private BoundedCaller worker;

    BoundedContainerDiagnoses(Duration deadline) {
        this.deadline = deadline;
        this.worker = new BoundedCaller(THREAD, deadline);
    }

    /**
     * Runs {@code diagnosis} of container {@code id} within the deadline. {@link CallOutcome.Hung}
     * when it did not return in time, or was not started because an earlier one is still stuck.
     */
    CallOutcome<List<Finding>> diagnose(String id, Callable<List<Finding>> diagnosis) {
        abandoned.values().removeIf(BoundedCaller::stuckCallReturned);
        if (abandoned.containsKey(id)) {
            return new CallOutcome.Hung<>(id, "not started: its previous diagnosis has still not returned");
        }
        if (abandoned.size() >= MAX_ABANDONED) {
            return new CallOutcome.Hung<>(id, "not started: " + abandoned.size()
                    + " other containers' diagnoses have not returned");
        }
        CallOutcome<List<Finding>> outcome = worker.call(id, diagnosis);
        if (outcome instanceof CallOutcome.Hung) {
            abandoned.put(id, worker);
            worker = new BoundedCaller(THREAD, deadline);
        }
        return outcome;
    }

    /** How many workers are stuck now. */
    int abandonedWorkers() {
        abandoned.values().removeIf(BoundedCaller::stuckCallReturned);
        return abandoned.size();
    }

    @Override
    public void close() {
        worker.close();
        abandoned.values().forEach(BoundedCaller::close);
        abandoned.clear();
    }
}
