package io.gpudoctor.simulate;

import io.gpudoctor.nvml.XidEvent;
import io.gpudoctor.nvml.XidEventStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a simulated driver's Xid queue. The queue belongs to the driver, not the stream, so that a
 * daemon re-registering after an error does not read the scenario's events a second time.
 */
final class SimulatedXidEventStream implements XidEventStream {

    private final BlockingQueue<XidEvent> queue;
    private final Runnable beforeWait;
    private volatile boolean closed;

    /** @param beforeWait checks initialisation and lets faults act, like the real {@code nvmlEventSetWait} */
    SimulatedXidEventStream(BlockingQueue<XidEvent> queue, Runnable beforeWait) {
        this.queue = queue;
        this.beforeWait = beforeWait;
    }

    @Override
    public Optional<XidEvent> next(Duration timeout) {
        if (closed) {
            throw new IllegalStateException("Xid event stream is closed");
        }
        beforeWait.run();
        try {
            return Optional.ofNullable(queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
