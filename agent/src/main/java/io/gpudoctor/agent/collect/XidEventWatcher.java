package io.gpudoctor.agent.collect;

import io.gpudoctor.nvml.Nvml;
import io.gpudoctor.nvml.XidEventStream;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the Xid events NVML's event API reports, on a thread of its own: a wait for events blocks
 * by design, so it must not hold up the sampler. It keeps its own NVML reference (NVML counts
 * inits), registers for events, and after an error (the driver went away, a GPU was lost) drops
 * the registration and registers again with a doubling wait. While it is not registered, or its
 * last wait has not come back in time, {@link #available()} says so and the kernel log is counted
 * instead.
 */
final class XidEventWatcher {

    /** The name of the thread the watcher runs on. */
    static final String THREAD = "gpu-doctor-xid";

    private static final Logger LOG = LoggerFactory.getLogger(XidEventWatcher.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private final Nvml nvml;
    private final XidCounter counter;
    private final Duration wait;
    private final Duration grace;
    private final Duration maxBackoff;
    private Optional<XidEventStream> stream = Optional.empty();
    private boolean initialised;
    private int failures;
    private long nextAttempt = System.nanoTime();
    private String problem = "";
    private volatile boolean registered;
    private volatile long lastStepEnded = System.nanoTime();
    private volatile boolean stopped;

    /**
     * @param wait  how long one wait for an event lasts
     * @param grace how much longer than {@code wait} a wait may take before the events count as unavailable
     */
    XidEventWatcher(Nvml nvml, XidCounter counter, Duration wait, Duration grace, Duration maxBackoff) {
        this.nvml = nvml;
        this.counter = counter;
        this.wait = wait;
        this.grace = grace;
        this.maxBackoff = maxBackoff;
    }

    /** Registers for events when that is needed and due, then waits up to the wait for one event and counts it. */
    void step() {
        try {
            if (stream.isEmpty()) {
                if (System.nanoTime() - nextAttempt < 0) {
                    return;
                }
                register();
            }
            stream.orElseThrow().next(wait).ifPresent(e -> counter.record(e.gpuIndex(), (int) e.xid()));
            failures = 0;
        } catch (RuntimeException e) {
            drop(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } finally {
            lastStepEnded = System.nanoTime();
        }
    }

    /** Whether events are being received: registered, and the last wait came back in time. */
    boolean available() {
        return registered && System.nanoTime() - lastStepEnded < wait.plus(grace).toNanos();
    }

    /** Steps until stopped, then frees the registration; the thread's body. */
    void run() {
        while (!stopped) {
            step();
            if (stream.isEmpty() && !stopped) {
                pause();
            }
        }
        release();
    }

    /** Asks {@link #run()} to end after its current wait. */
    void stop() {
        stopped = true;
    }

    private void register() {
        if (!initialised) {
            nvml.init();
            initialised = true;
        }
        stream = Optional.of(nvml.xidEvents());
        registered = true;
        problem = "";
        LOG.info("Xid events registered with NVML");
    }

    private void drop(String why) {
        release();
        failures = Math.min(failures + 1, 20);
        Duration backoff = FIRST_RETRY.multipliedBy(1L << (failures - 1));
        nextAttempt = System.nanoTime() + (backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff).toNanos();
        if (!why.equals(problem)) {
            LOG.warn("Xid events from NVML unavailable ({}); Xids are counted from the kernel log meanwhile", why);
        }
        problem = why;
    }

    private void release() {
        registered = false;
        stream.ifPresent(XidEventStream::close);
        stream = Optional.empty();
        if (initialised) {
            initialised = false;
            try {
                nvml.shutdown();
            } catch (RuntimeException e) {
                LOG.debug("NVML shutdown after Xid events failed: {}", e.getMessage());
            }
        }
    }

    private void pause() {
        long left = Math.max(0, nextAttempt - System.nanoTime());
        try {
            Thread.sleep(Math.max(1, Math.min(Duration.ofNanos(left).toMillis(), wait.toMillis())));
        } catch (InterruptedException e) {
            stopped = true;
            Thread.currentThread().interrupt();
        }
    }
}
