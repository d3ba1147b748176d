package io.gpudoctor.agent.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A change to the host made over and over on a thread of its own (a process exiting and a new one
 * taking its pid, a config file rewritten), in a tight loop, while the daemon reads the host.
 */
final class FaultLoop implements AutoCloseable {

    static final String THREAD_PREFIX = "faults-loop-";

    /** One round of the change; the round number lets it alternate. */
    @FunctionalInterface
    interface Round {
        void run(long round) throws IOException;
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private final Thread thread;

    private FaultLoop(String name, Round round) {
        this.thread = new Thread(() -> loop(round), THREAD_PREFIX + name);
        this.thread.setDaemon(true);
    }

    static FaultLoop start(String name, Round round) {
        FaultLoop loop = new FaultLoop(name, round);
        loop.thread.start();
        return loop;
    }

    long rounds() {
        return rounds.get();
    }

    /** Stops after the round in progress; a round that failed fails here, so a broken fault is not a silent pass. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join();
        if (failure.get() != null) {
            throw new UncheckedIOException("the fault loop could not change the host", failure.get());
        }
    }

    private void loop(Round round) {
        while (running.get()) {
            try {
                round.run(rounds.get());
                rounds.incrementAndGet();
                // Lets the daemon's threads run between rounds on a machine with few CPUs.
                Thread.yield();
            } catch (IOException e) {
                failure.set(e);
                return;
            }
        }
    }
}
