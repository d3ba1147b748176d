package io.gpudoctor.agent.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Malformed and timed-out requests in the log: at most one line per {@link #INTERVAL}, counting
 * those in between, with the status and the client's address only (no request text: it is the
 * client's). A client sending garbage as fast as it can costs the journal a line every minute.
 */
final class BadRequestLog {

    static final Duration INTERVAL = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(BadRequestLog.class);

    private final LongSupplier nanoTime;
    private final AtomicLong nextLine;
    private final AtomicLong unlogged = new AtomicLong();

    BadRequestLog() {
        this(System::nanoTime);
    }

    BadRequestLog(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.nextLine = new AtomicLong(nanoTime.getAsLong());
    }

    /** Counts a rejected request; logs it, with those counted since the last line, when a line is due. */
    void rejected(int status, String client) {
        long now = nanoTime.getAsLong();
        long due = nextLine.get();
        if (now - due >= 0 && nextLine.compareAndSet(due, now + INTERVAL.toNanos())) {
            long others = unlogged.getAndSet(0);
            LOG.warn("rejected a malformed or timed-out request from {} (HTTP {}){}", client, status,
                    others == 0 ? "" : "; " + others + " more since the last such line");
        } else {
            unlogged.incrementAndGet();
        }
    }
}
