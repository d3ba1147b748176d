package io.gpudoctor.agent.web;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * At most one log line per {@link #INTERVAL} for events a client can cause as fast as it likes,
 * counting those in between: a flood costs the journal a line a minute.
 */
final class LineBudget {

    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final LongSupplier nanoTime;
    private final AtomicLong nextLine;
    private final AtomicLong unlogged = new AtomicLong();

    LineBudget(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.nextLine = new AtomicLong(nanoTime.getAsLong());
    }

    /** For one more event: the number of events not logged since the last line when a line is due, else empty. */
    OptionalLong spend() {
        long now = nanoTime.getAsLong();
        long due = nextLine.get();
        if (now - due >= 0 && nextLine.compareAndSet(due, now + INTERVAL.toNanos())) {
            return OptionalLong.of(unlogged.getAndSet(0));
        }
        unlogged.incrementAndGet();
        return OptionalLong.empty();
    }

    static String since(long others) {
        return others == 0 ? "" : "; " + others + " more since the last such line";
    }
}
