package io.gpudoctor.agent.web;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Malformed and timed-out requests in the log: at most one line per {@link #INTERVAL}, counting
 * those in between, with the status and the client's address only (no request text: it is the
 * client's). A client sending garbage as fast as it can costs the journal a line every minute.
 */
final class BadRequestLog {

    static final Duration INTERVAL = LineBudget.INTERVAL;

    private static final Logger LOG = LoggerFactory.getLogger(BadRequestLog.class);

    private final LineBudget budget;

    BadRequestLog() {
        this(System::nanoTime);
    }

    BadRequestLog(LongSupplier nanoTime) {
        this.budget = new LineBudget(nanoTime);
    }

    /** Counts a rejected request; logs it, with those counted since the last line, when a line is due. */
    void rejected(int status, String client) {
        budget.spend().ifPresent(others -> LOG.warn("rejected a malformed or timed-out request from {} (HTTP {}){}",
                client, status, LineBudget.since(others)));
    }
}
