package io.gpudoctor.agent.web.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * How many password checks each client address may still ask for: a token bucket per address,
 * {@link #BURST} checks at once, then one every {@link #REFILL}. A check whose outcome the
 * authenticator remembers costs nothing and does not come here; every other one takes a token
 * before its bcrypt and gets it back if the password was right, so a scraper with the right
 * password is never limited while a guesser gets 429 instead of a bcrypt. The table keeps the
 * {@link #ADDRESSES} most recently seen addresses; one forgotten starts again with a full bucket,
 * which is no more than a new address gets.
 */
public final class FailedLoginLimiter {

    /** Checks an address may make at once. */
    public static final int BURST = 10;

    /** One more check per address per this long. */
    public static final Duration REFILL = Duration.ofSeconds(2);

    static final int ADDRESSES = 4096;

    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > ADDRESSES;
        }
    };

    public FailedLoginLimiter() {
        this(System::nanoTime);
    }

    FailedLoginLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Takes a token for {@code client}; false when it has none left (answer 429). */
    public synchronized boolean tryAcquire(String client) {
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(BURST, nanoTime.getAsLong()));
        bucket.refill(nanoTime.getAsLong());
        if (bucket.tokens < 1) {
            return false;
        }
        bucket.tokens--;
        return true;
    }

    /** Gives back the token of a check whose password was right. */
    public synchronized void refund(String client) {
        Bucket bucket = buckets.get(client);
        if (bucket != null) {
            bucket.tokens = Math.min(BURST, bucket.tokens + 1);
        }
    }

    /** Seconds until {@code client} has a token again, at least 1: what {@code Retry-After} says. */
    public synchronized long secondsUntilNext(String client) {
        Bucket bucket = buckets.get(client);
        if (bucket == null || bucket.tokens >= 1) {
            return 1;
        }
        double missing = 1 - bucket.tokens;
        return Math.max(1, (long) Math.ceil(missing * REFILL.toNanos() / 1e9));
    }

    private static final class Bucket {

        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        void refill(long now) {
            long elapsed = now - refilledAt;
            if (elapsed > 0) {
                tokens = Math.min(BURST, tokens + (double) elapsed / REFILL.toNanos());
                refilledAt = now;
            }
        }
    }
}
