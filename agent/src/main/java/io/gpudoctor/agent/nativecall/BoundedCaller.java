package io.gpudoctor.agent.nativecall;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs native calls on one dedicated daemon thread, each with a deadline. A call that does not
 * return in time is abandoned together with its thread (a thread stuck in the driver cannot be
 * interrupted), and every later call fails at once as {@link CallOutcome.Hung}: nothing is ever
 * queued behind a stuck call, so the caller stays responsive however the driver behaves.
 */
public final class BoundedCaller implements AutoCloseable {

    private final String threadName;
    private final Duration deadline;
    private final ExecutorService executor;
    private String stuckCall = "";
    private Optional<Future<?>> stuckFuture = Optional.empty();

    public BoundedCaller(String threadName, Duration deadline) {
        this.threadName = threadName;
        this.deadline = deadline;
        this.executor = newExecutor();
    }

    /** Runs {@code call}, named {@code name} in reports, on the native thread within the deadline. */
    public synchronized <T> CallOutcome<T> call(String name, Callable<T> call) {
        if (!stuckCall.isEmpty()) {
            return new CallOutcome.Hung<>(name, "skipped: " + stuckCall + " has not returned");
        }
        Future<T> future = executor.submit(call);
        try {
            return new CallOutcome.Done<>(future.get(deadline.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            stuckCall = name;
            stuckFuture = Optional.of(future);
            executor.shutdown();
            return new CallOutcome.Hung<>(name, "no answer within " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            return new CallOutcome.Failed<>(name, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CallOutcome.Hung<>(name, "interrupted while waiting");
        }
    }

    /** The call that got stuck, empty while none has. */
    public synchronized String stuckCall() {
        return stuckCall;
    }

    /**
     * Whether a call got stuck and has since returned: its thread has ended, so a new caller may
     * take over without leaving a second thread stuck in the driver.
     */
    public synchronized boolean stuckCallReturned() {
        return !stuckCall.isEmpty() && executor.isTerminated();
    }

    /**
     * Whether the stuck call has returned, and normally rather than by throwing: what it did (an
     * init, say) took effect although nobody waited for its answer.
     */
    public synchronized boolean stuckCallSucceeded() {
        if (!stuckCallReturned()) {
            return false;
        }
        Future<?> future = stuckFuture.orElseThrow();
        if (future.isCancelled()) {
            return false;
        }
        try {
            future.get();
            return true;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public synchronized void close() {
        executor.shutdownNow();
    }

    private ExecutorService newExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }
}
