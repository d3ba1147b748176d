package io.gpudoctor.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.nativecall.CallOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedContainerDiagnosesTest {

    private static final Duration DEADLINE = Duration.ofMillis(150);

    private final CountDownLatch release = new CountDownLatch(1);
    private final BoundedContainerDiagnoses diagnoses = new BoundedContainerDiagnoses(DEADLINE);

    @AfterEach
    void releaseHungDiagnoses() {
        release.countDown();
        diagnoses.close();
    }

    private List<Finding> hang() throws InterruptedException {
        release.await(30, TimeUnit.SECONDS);
        return List.of();
    }

    @Test
    void aDiagnosisThatReturnsInTimeGivesItsFindings() {
        assertThat(diagnoses.diagnose("a", List::of)).isEqualTo(new CallOutcome.Done<>(List.of()));
    }

    @Test
    void aHangingDiagnosisIsAbandonedAndTheNextContainerIsStillDiagnosed() {
        CallOutcome<List<Finding>> hung = diagnoses.diagnose("slow", this::hang);

        assertThat(hung).isInstanceOf(CallOutcome.Hung.class);
        assertThat(diagnoses.diagnose("fine", List::of)).isInstanceOf(CallOutcome.Done.class);
    }

    @Test
    void aContainerWhoseDiagnosisIsStuckIsNotStartedAgain() {
        AtomicInteger started = new AtomicInteger();
        diagnoses.diagnose("slow", this::hang);

        CallOutcome<List<Finding>> again = diagnoses.diagnose("slow", () -> {
            started.incrementAndGet();
            return List.of();
        });

        assertThat(again).isInstanceOfSatisfying(CallOutcome.Hung.class,
                h -> assertThat(h.reason()).contains("still not returned"));
        assertThat(started).hasValue(0);
    }

    @Test
    void noMoreThanFourWorkersAreEverAbandoned() {
        for (int i = 0; i < BoundedContainerDiagnoses.MAX_ABANDONED; i++) {
            diagnoses.diagnose("slow-" + i, this::hang);
        }
        AtomicInteger started = new AtomicInteger();

        CallOutcome<List<Finding>> next = diagnoses.diagnose("fine", () -> {
            started.incrementAndGet();
            return List.of();
        });

        assertThat(next).isInstanceOf(CallOutcome.Hung.class);
        assertThat(started).hasValue(0);
        assertThat(diagnoses.abandonedWorkers()).isEqualTo(BoundedContainerDiagnoses.MAX_ABANDONED);
    }

    @Test
    void aStuckDiagnosisThatReturnsFreesItsContainer() throws InterruptedException {
        diagnoses.diagnose("slow", this::hang);
        release.countDown();
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (diagnoses.abandonedWorkers() > 0 && System.nanoTime() < giveUp) {
            Thread.sleep(10);
        }

        assertThat(diagnoses.diagnose("slow", List::of)).isInstanceOf(CallOutcome.Done.class);
    }
}
