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

    /** A stuck call that has returned: its name, and whether it returned normally, so that its effect took place. */
    record ReturnedCall(String name, boolean succeeded) {
    }

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
     * @return the call, when it had returned: the driver answered again, and whatever session it
     *         held may need a restart
     */
    synchronized Optional<ReturnedCall> renewIfStuckCallReturned() {
        if (!caller.stuckCallReturned()) {
            return Optional.empty();
        }
        ReturnedCall returned = new ReturnedCall(caller.stuckCall(), caller.stuckCallSucceeded());
        caller.close();
        caller = new BoundedCaller(threadName, deadline);
        return Optional.of(returned);
    }

    @Override
    public synchronized void close() {
        caller.close();
    }
}
