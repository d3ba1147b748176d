package io.gpudoctor.agent.web;

import java.time.Duration;

/**
 * What the HTTP server lets clients use, so that no client (slow, greedy or hostile) can hold
 * the daemon. Together they bound the server's memory whatever clients do: at most
 * {@code maxConnections} connections (a few KiB each once Jetty's per-connection header cache is
 * off) and at most {@code maxInFlight} requests being answered (each with its response buffer);
 * docs/reliability.md derives the heap setting from them.
 *
 * @param maxInFlight              requests answered at once; more wait, without a thread, up to
 *                                 {@code maxWait}, clients with fewer requests outstanding first, then
 *                                 get 503 with {@code Retry-After} ({@code /healthz} and {@code /readyz}
 *                                 are exempt)
 * @param maxWait                  how long a request may wait for one of the {@code maxInFlight} slots
 * @param maxConnections           open connections; one more closes the oldest connection of the client
 *                                 address holding the most, so that a flood makes room for newcomers
 * @param maxConnectionsPerClient  connections one client address may hold; its next one is closed
 *                                 as soon as it is accepted
 * @param idleTimeout              a connection that sends nothing for this long is closed, half-sent
 *                                 requests included (408); so is one whose request header has not arrived
 *                                 whole this long after it opened or after its previous response, however
 *                                 many bytes it dribbles (slowloris)
 * @param maxRequestHeaderBytes    request line plus headers: a longer request line gets 414, larger
 *                                 headers 431
 * @param maxQueryParameters       more query parameters than this get 400
 * @param retryAfter               what {@code Retry-After} says on 503 and 429
 * @param stopTimeout              how long {@code stop()} waits for requests in flight
 */
public record WebLimits(int maxInFlight, Duration maxWait, int maxConnections, int maxConnectionsPerClient,
                        Duration idleTimeout, int maxRequestHeaderBytes, int maxQueryParameters,
                        Duration retryAfter, Duration stopTimeout) {

    /** Room for a 10 KB container REF to reach the REF check (and get its clear 400) rather than a 414. */
    public static final int DEFAULT_HEADER_BYTES = 16 * 1024;

    /**
     * 512 connections: Prometheus keeps one or two per node, a container asking about itself one;
     * far inside the unit's 4,096 file descriptors (the kernel's accept queue holds the next ones
     * without descriptors of ours); 128 per client address, so that one address can hold a quarter
     * of them, and a scraper sharing the address of a 64-connection flood still gets in.
     */
    public static final WebLimits DEFAULT = new WebLimits(16, Duration.ofSeconds(2), 512, 128,
            Duration.ofSeconds(10), DEFAULT_HEADER_BYTES, 16, Duration.ofSeconds(5), Duration.ofSeconds(5));

    public WebLimits {
        if (maxInFlight < 1 || maxConnections < 4 || maxConnectionsPerClient < 1 || maxRequestHeaderBytes < 1024
                || maxQueryParameters < 1) {
            throw new IllegalArgumentException("limits must be positive (connections at least 4, headers at least 1 KiB)");
        }
        for (Duration timeout : new Duration[] {maxWait, idleTimeout, retryAfter, stopTimeout}) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
        }
    }

    /** The {@code Retry-After} value: whole seconds, at least 1. */
    public String retryAfterSeconds() {
        return Long.toString(Math.max(1, retryAfter.toSeconds()));
    }

    /** The same limits with another in-flight bound. */
    public WebLimits withMaxInFlight(int requests) {
        return new WebLimits(requests, maxWait, maxConnections, maxConnectionsPerClient, idleTimeout,
                maxRequestHeaderBytes, maxQueryParameters, retryAfter, stopTimeout);
    }

    /** The same limits with another wait for an in-flight slot. */
    public WebLimits withMaxWait(Duration wait) {
        return new WebLimits(maxInFlight, wait, maxConnections, maxConnectionsPerClient, idleTimeout,
                maxRequestHeaderBytes, maxQueryParameters, retryAfter, stopTimeout);
    }

    /** The same limits with other connection bounds. */
    public WebLimits withMaxConnections(int connections, int perClient) {
        return new WebLimits(maxInFlight, maxWait, connections, perClient, idleTimeout,
                maxRequestHeaderBytes, maxQueryParameters, retryAfter, stopTimeout);
    }

    /** The same limits with another idle timeout. */
    public WebLimits withIdleTimeout(Duration timeout) {
        return new WebLimits(maxInFlight, maxWait, maxConnections, maxConnectionsPerClient, timeout,
                maxRequestHeaderBytes, maxQueryParameters, retryAfter, stopTimeout);
    }
}
