package io.gpudoctor.agent.nativecall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedCallerTest {

    private final CountDownLatch stuck = new CountDownLatch(1);
    private final BoundedCaller caller = new BoundedCaller("test-native", Duration.ofMillis(200));

    @AfterEach
    void releaseStuckThread() {
        stuck.countDown();
        caller.close();
    }

    @Test
    void aCallThatReturnsGivesItsValue() {
        assertThat(caller.call("answer", () -> 42)).isEqualTo(new CallOutcome.Done<>(42));
    }

    @Test
    void aCallThatThrowsGivesWhatItThrew() {
        IllegalStateException boom = new IllegalStateException("boom");

        CallOutcome<Object> outcome = caller.call("explode", () -> {
            throw boom;
        });

        assertThat(outcome).isEqualTo(new CallOutcome.Failed<>("explode", boom));
    }

    @Test
    void aCallPastItsDeadlineIsReportedAsHung() {
        CallOutcome<Object> outcome = caller.call("stuck", () -> {
            stuck.await();
            return null;
        });

        assertThat(outcome).isInstanceOf(CallOutcome.Hung.class);
        assertThat(((CallOutcome.Hung<Object>) outcome).call()).isEqualTo("stuck");
        assertThat(caller.stuckCall()).isEqualTo("stuck");
    }

    @Test
    void noCallRunsBehindAStuckOne() {
        caller.call("stuck", () -> {
            stuck.await();
            return null;
        });
        AtomicInteger ran = new AtomicInteger();

        CallOutcome<Integer> later = caller.call("later", ran::incrementAndGet);

        assertThat(later).isInstanceOf(CallOutcome.Hung.class);
        assertThat(((CallOutcome.Hung<Integer>) later).reason()).contains("stuck");
        assertThat(ran).hasValue(0);
    }

    @Test
    void callsRunOnTheNamedNativeThread() {
        CallOutcome<String> outcome = caller.call("thread", () -> Thread.currentThread().getName());

        assertThat(outcome).isEqualTo(new CallOutcome.Done<>("test-native"));
    }

    @Test
    void aStuckCallIsNotReportedReturnedWhileItHangs() {
        caller.call("stuck", () -> {
            stuck.await();
            return null;
        });

        assertThat(caller.stuckCallReturned()).isFalse();
    }

    @Test
    void aStuckCallThatFinallyReturnsIsReportedReturned() throws InterruptedException {
        caller.call("stuck", () -> {
            stuck.await();
            return null;
        });

        stuck.countDown();

        long giveUp = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!caller.stuckCallReturned() && System.nanoTime() < giveUp) {
            Thread.sleep(5);
        }
        assertThat(caller.stuckCallReturned()).isTrue();
    }

    @Test
    void aStuckCallThatReturnsNormallyIsReportedSucceeded() throws InterruptedException {
        caller.call("stuck", () -> {
            stuck.await();
            return true;
        });

        stuck.countDown();

        awaitReturned();
        assertThat(caller.stuckCallSucceeded()).isTrue();
    }

    @Test
    void aStuckCallThatEndsByThrowingIsNotReportedSucceeded() throws InterruptedException {
        caller.call("stuck", () -> {
            stuck.await();
            throw new IllegalStateException("late failure");
        });

        stuck.countDown();

        awaitReturned();
        assertThat(caller.stuckCallSucceeded()).isFalse();
    }

    @Test
    void aStuckCallThatHasNotReturnedIsNotReportedSucceeded() {
        caller.call("stuck", () -> {
            stuck.await();
            return true;
        });

        assertThat(caller.stuckCallSucceeded()).isFalse();
    }

    private void awaitReturned() throws InterruptedException {
        long giveUp = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!caller.stuckCallReturned() && System.nanoTime() < giveUp) {
            Thread.sleep(5);
        }
    }

    @Test
    void aCallerWithoutAStuckCallHasNoneReturned() {
        caller.call("answer", () -> 42);

        assertThat(caller.stuckCallReturned()).isFalse();
    }
}
