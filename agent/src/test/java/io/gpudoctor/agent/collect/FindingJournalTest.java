package io.gpudoctor.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FindingJournalTest {

    private static final NodeState HEALTHY = ScenarioStates.state("dgx-h100");
    private static final NodeState BROKEN = ScenarioStates.state("broken-node");

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(FindingJournal.class);
    private final MutableClock clock = new MutableClock(ScenarioStates.AT);
    private final FindingJournal journal = new FindingJournal(clock);
    private Level level;

    @BeforeEach
    void capture() {
        level = logger.getLevel();
        logger.setLevel(Level.INFO);
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logs);
        logger.setLevel(level);
    }

    private List<String> infoLines() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.INFO).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void eachFindingThatAppearsIsLoggedOnceWithItsCodeWhereAndTitle() {
        journal.observe(HEALTHY);
        journal.observe(BROKEN);
        journal.observe(BROKEN);

        assertThat(infoLines()).hasSize(6).allMatch(l -> l.startsWith("finding appeared: "))
                .anyMatch(l -> l.startsWith("finding appeared: GPU_LOST (error) on the host: GPU 2"));
    }

    @Test
    void eachFindingThatClearsIsLoggedOnce() {
        journal.observe(BROKEN);
        logs.list.clear();

        journal.observe(HEALTHY);
        journal.observe(HEALTHY);

        assertThat(infoLines()).hasSize(6).allMatch(l -> l.startsWith("finding cleared: "))
                .anyMatch(l -> l.startsWith("finding cleared: ECC_UNCORRECTABLE_ERRORS (error) on the host"));
    }

    @Test
    void aHealthyNodeLogsNothing() {
        journal.observe(HEALTHY);
        journal.observe(HEALTHY);

        assertThat(infoLines()).isEmpty();
    }

    @Test
    void aFlappingFindingGetsTwoLinesPerQuietPeriodWithTheChangesInBetweenCounted() {
        journal.observe(BROKEN);
        clock.advance(Duration.ofSeconds(30));
        journal.observe(HEALTHY);
        clock.advance(Duration.ofSeconds(30));
        journal.observe(BROKEN);
        assertThat(infoLines()).hasSize(12);

        clock.advance(FindingJournal.QUIET);
        journal.observe(HEALTHY);

        assertThat(infoLines()).hasSize(18).last().asString()
                .startsWith("finding cleared: ").endsWith("(after 1 more change(s) in the last 5 min, logged at debug level)");
    }
}
