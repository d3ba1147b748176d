package io.gpudoctor.agent.web;

import java.time.Duration;

/**
 * What the HTTP server lets a client use, so that no client (slow, greedy or hostile) can hold
 * the daemon.
 *
 * @param maxInFlight           requests served at once; more get 503 with {@code Retry-After} at once
 *                              instead of queueing ({@code /healthz} and {@code /readyz} are exempt)
 * @param idleTimeout           a connection that sends nothing for this long is closed, half-sent
 *                              requests included; so is one whose request header has not arrived
 *                              whole this long after it opened or after its previous response, however
 *                              many bytes it dribbles (slowloris)
 * @param maxRequestHeaderBytes request line plus headers: a longer request line gets 414, larger
 *                              headers 431
 * @param maxQueryParameters    more query parameters than this get 400
 * @param retryAfter            what {@code Retry-After} says on 503 and 429
 * @param stopTimeout           how long {@code stop()} waits for requests in flight
 */
public record WebLimits(int maxInFlight, Duration idleTimeout, int maxRequestHeaderBytes, int maxQueryParameters,
                        Duration retryAfter, Duration stopTimeout) {

    /** Room for a 10 KB container REF to reach the REF check (and get its clear 400) rather than a 414. */
    public static final int DEFAULT_HEADER_BYTES = 16 * 1024;

    public static final WebLimits DEFAULT = new WebLimits(16, Duration.ofSeconds(10), DEFAULT_HEADER_BYTES, 16,
            Duration.ofSeconds(5), Duration.ofSeconds(5));

    public WebLimits {
        if (maxInFlight < 1 || maxRequestHeaderBytes < 1024 || maxQueryParameters < 1) {
            throw new IllegalArgumentException("limits must be positive (and headers at least 1 KiB)");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero() || retryAfter.isNegative()
                || stopTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** The {@code Retry-After} value: whole seconds, at least 1. */
    public String retryAfterSeconds() {
        return Long.toString(Math.max(1, retryAfter.toSeconds()));
    }

    /** The same limits with another in-flight bound. */
    public WebLimits withMaxInFlight(int requests) {
        return new WebLimits(requests, idleTimeout, maxRequestHeaderBytes, maxQueryParameters, retryAfter, stopTimeout);
    }

    /** The same limits with another idle timeout. */
    public WebLimits withIdleTimeout(Duration timeout) {
        return new WebLimits(maxInFlight, timeout, maxRequestHeaderBytes, maxQueryParameters, retryAfter, stopTimeout);
    }
}
