package io.gpudoctor.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RefusalLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(RefusalLog.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    private Level before;

    @BeforeEach
    void listen() {
        before = logger.getLevel();
        logger.setLevel(Level.INFO);
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(lines);
        logger.setLevel(before);
    }

    @Test
    void a_refusal_is_logged_at_info_with_its_reason_and_a_flood_costs_one_line_a_minute() {
        AtomicLong now = new AtomicLong();
        RefusalLog log = new RefusalLog(now::get);

        log.refused("GET", "/diagnose", "192.0.2.7 is not an address of this host");
        log.refused("GET", "/diagnose", "again");
        log.refused("GET", "/diagnose", "again");
        now.addAndGet(LineBudget.INTERVAL.toNanos());
        log.refused("GET", "/", "last");

        assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsOnly(Level.INFO);
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "refused GET /diagnose: 192.0.2.7 is not an address of this host",
                "refused GET /: last; 2 more since the last such line");
    }
}
