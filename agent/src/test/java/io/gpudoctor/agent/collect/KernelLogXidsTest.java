package io.gpudoctor.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.gpudoctor.agent.hostfs.HostPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class KernelLogXidsTest {

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(KernelLogXids.class);
    private Level level;

    @BeforeEach
    void captureWarnings() {
        level = logger.getLevel();
        logger.setLevel(Level.ALL);
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logs);
        logger.setLevel(level);
        Thread.interrupted();
    }

    @Test
    void aReadInterruptedBecauseTheDaemonStopsIsNotWarnedAboutAndKeepsTheInterrupt() throws Exception {
        Path log = Files.writeString(dir.resolve("kern.log"), "[  1.0] NVRM: Xid (PCI:0000:01:00): 13, pid=1\n");
        KernelLogXids xids = new KernelLogXids(HostPaths.of(dir), Optional.of(log));

        Thread.currentThread().interrupt();
        assertThat(xids.newRecords()).isEmpty();

        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(logs.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
    }

    @Test
    void aMissingLogIsWarnedAboutOnce() {
        KernelLogXids xids = new KernelLogXids(HostPaths.of(dir), Optional.of(dir.resolve("absent.log")));

        xids.newRecords();
        xids.newRecords();

        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(1)
                .allMatch(e -> e.getFormattedMessage().contains("absent.log"));
    }
}
