package io.gpudoctor.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class BadRequestLogTest {

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(BadRequestLog.class);
    private final AtomicLong now = new AtomicLong();

    @BeforeEach
    void listen() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(lines);
    }

    @Test
    void aFloodOfBadRequestsIsOneLinePerInterval() {
        BadRequestLog log = new BadRequestLog(now::get);
        for (int i = 0; i < 10_000; i++) {
            log.rejected(400, "192.0.2.7");
        }
        assertThat(lines.list).hasSize(1);
    }

    @Test
    void theNextLineCountsWhatWasNotLogged() {
        BadRequestLog log = new BadRequestLog(now::get);
        for (int i = 0; i < 5; i++) {
            log.rejected(400, "192.0.2.7");
        }
        now.addAndGet(BadRequestLog.INTERVAL.toNanos());
        log.rejected(505, "192.0.2.8");
        assertThat(lines.list).hasSize(2);
        assertThat(lines.list.get(1).getFormattedMessage()).contains("192.0.2.8").contains("HTTP 505").contains("4 more");
    }
}
