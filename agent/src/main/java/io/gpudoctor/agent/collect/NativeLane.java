package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.nativecall.BoundedCaller;
import java.time.Duration;
import java.util.Optional;

/**
 * The one thread a kind of native call runs on, kept across cycles. When a call gets stuck, the
 * lane makes no call and starts no thread until that call returns; then it starts a fresh thread.
 * However long the driver stays wedged, at most one thread per lane is ever stuck in it.
 */
final class NativeLane implements AutoCloseable {

    private final String threadName;
    private final Duration deadline;
    private BoundedCaller caller;

    NativeLane(String threadName, Duration deadline) {
        this.threadName = threadName;
        this.deadline = deadline;
        this.caller = new BoundedCaller(threadName, deadline);
    }

    /** The caller to make calls with; it answers every call as hung at once while one is stuck. */
    synchronized BoundedCaller caller() {
        return caller;
    }

    /** The call that is stuck now, if one is. */
    synchronized Optional<String> stuckCall() {
        String stuck = caller.stuckCall();
        return stuck.isEmpty() ? Optional.empty() : Optional.of(stuck);
    }

    /**
     * Replaces the caller with a fresh one when its stuck call has returned.
     *
     * @return whether it did: the driver answered again, and whatever session it held may need a restart
     */
    synchronized boolean renewIfStuckCallReturned() {
        if (!caller.stuckCallReturned()) {
            return false;
        }
        caller.close();
        caller = new BoundedCaller(threadName, deadline);
        return true;
    }

    @Override
    public synchronized void close() {
        caller.close();
    }
}
