package io.gpudoctor.agent.web;

import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refused requests (403) in the log at INFO, so that an operator sees why a container's
 * {@code curl} got nothing: at most one line a minute, with the count of those in between.
 */
final class RefusalLog {

    private static final Logger LOG = LoggerFactory.getLogger(RefusalLog.class);

    private final LineBudget budget;

    RefusalLog() {
        this(System::nanoTime);
    }

    RefusalLog(LongSupplier nanoTime) {
        this.budget = new LineBudget(nanoTime);
    }

    /** Counts a refusal; logs it when a line is due. */
    void refused(String method, String path, String reason) {
        budget.spend().ifPresent(others -> LOG.info("refused {} {}: {}{}", method, LogText.bounded(path),
                LogText.bounded(reason), LineBudget.since(others)));
    }
}
