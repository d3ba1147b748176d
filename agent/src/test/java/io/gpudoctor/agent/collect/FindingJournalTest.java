package io.gpudoctor.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.gpudoctor.agent.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FindingJournalTest {

    private static final NodeState HEALTHY = ScenarioStates.state("dgx-h100");
    private static final NodeState BROKEN = ScenarioStates.state("broken-node");
    /** broken-node's host findings; the healthy node has none. */
    private static final int FINDINGS = BROKEN.host().orElseThrow().findings().size();

    private final LogCapture logs = LogCapture.of(FindingJournal.class, Level.INFO);
    private final MutableClock clock = new MutableClock(ScenarioStates.AT);
    private final FindingJournal journal = new FindingJournal(clock);

    @AfterEach
    void release() {
        logs.close();
    }

    private List<String> infoLines() {
        return logs.messages(Level.INFO);
    }

    @Test
    void eachFindingThatAppearsIsLoggedOnceWithItsCodeWhereAndTitle() {
        journal.observe(HEALTHY);
        journal.observe(BROKEN);
        journal.observe(BROKEN);

        assertThat(infoLines()).hasSize(FINDINGS).allMatch(l -> l.startsWith("finding appeared: "))
                .anyMatch(l -> l.startsWith("finding appeared: GPU_LOST (error) on the host: GPU 2"));
    }

    @Test
    void eachFindingThatClearsIsLoggedOnce() {
        journal.observe(BROKEN);
        int before = infoLines().size();

        journal.observe(HEALTHY);
        journal.observe(HEALTHY);

        assertThat(infoLines().subList(before, infoLines().size())).hasSize(FINDINGS).allMatch(l -> l.startsWith("finding cleared: "))
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
        assertThat(infoLines()).hasSize(2 * FINDINGS);

        clock.advance(FindingJournal.QUIET);
        journal.observe(HEALTHY);

        assertThat(infoLines()).hasSize(3 * FINDINGS).last().asString()
                .startsWith("finding cleared: ").endsWith("(after 1 more change(s) in the last 5 min, logged at debug level)");
    }
}
