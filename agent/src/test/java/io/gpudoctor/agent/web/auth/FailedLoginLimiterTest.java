package io.gpudoctor.agent.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailedLoginLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final FailedLoginLimiter limiter = new FailedLoginLimiter(now::get);

    @Test
    void anAddressGetsItsBurstThenIsRefused() {
        for (int i = 0; i < FailedLoginLimiter.BURST; i++) {
            assertThat(limiter.tryAcquire("192.0.2.7")).as("attempt %d", i).isTrue();
        }
        assertThat(limiter.tryAcquire("192.0.2.7")).isFalse();
    }

    @Test
    void anotherAddressIsNotLimitedByTheFirst() {
        for (int i = 0; i < FailedLoginLimiter.BURST; i++) {
            limiter.tryAcquire("192.0.2.7");
        }
        assertThat(limiter.tryAcquire("192.0.2.8")).isTrue();
    }

    @Test
    void aRefusedAddressGetsOneMoreCheckPerRefillAndIsToldWhen() {
        for (int i = 0; i < FailedLoginLimiter.BURST; i++) {
            limiter.tryAcquire("192.0.2.7");
        }
        assertThat(limiter.secondsUntilNext("192.0.2.7")).isEqualTo(FailedLoginLimiter.REFILL.toSeconds());
        now.addAndGet(FailedLoginLimiter.REFILL.toNanos());
        assertThat(limiter.tryAcquire("192.0.2.7")).isTrue();
        assertThat(limiter.tryAcquire("192.0.2.7")).isFalse();
    }

    @Test
    void aRightPasswordGivesItsTokenBackSoAScraperIsNeverLimited() {
        for (int i = 0; i < 10 * FailedLoginLimiter.BURST; i++) {
            assertThat(limiter.tryAcquire("192.0.2.7")).isTrue();
            limiter.refund("192.0.2.7");
        }
    }

    @Test
    void theTableForgetsTheLeastRecentAddressesBeyondItsSize() {
        for (int i = 0; i < FailedLoginLimiter.BURST; i++) {
            limiter.tryAcquire("192.0.2.7");
        }
        for (int i = 0; i < FailedLoginLimiter.ADDRESSES; i++) {
            limiter.tryAcquire("10.0." + (i / 256) + "." + (i % 256));
        }
        assertThat(limiter.tryAcquire("192.0.2.7")).as("forgotten: a full bucket again").isTrue();
    }
}
