package io.gpudoctor.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

/** What every fault test asks of the daemon: it kept serving, and it kept nothing it should have let go. */
final class ServingAssertions {

    /** Every route the scrapers ask, as a Prometheus server, a kubelet probe and a person would. */
    static final List<String> ROUTES = List.of("/metrics", "/healthz", "/diagnose", "/");
    /** The route of a container's diagnosis, as {@link ScrapeTally} counts it. */
    static final String CONTAINER_DIAGNOSIS = "/diagnose?container";

    /**
     * A bound for liveness, not a performance target: the target for /healthz is 100 ms, but a
     * two-CPU machine shared with other builds can stall any thread for a second.
     */
    static final Duration HEALTHZ_LIVENESS = Duration.ofSeconds(2);
    /** A scrape is answered half a second before Prometheus' default timeout gives up on it. */
    static final Duration METRICS_DEADLINE = FaultyNode.SCRAPE_TIMEOUT.minusMillis(500);
    /**
     * Threads besides the HTTP pool's the daemon may have gained over a run: a native thread
     * renewed after a stuck call returned may be counted while the old one ends. A leak per fault,
     * per cycle or per request is far more.
     */
    static final int THREAD_SLACK = 1;
    /** The HTTP pool's bound: the default 16 requests in flight and 12 for Jetty's own threads (see WebApp). */
    static final int HTTP_POOL_MAX = 16 + 12;
    /** Descriptors this process may have gained: a client's connection replaced after a timeout. */
    static final int FD_SLACK = 8;

    private ServingAssertions() {
    }

    /**
     * Every request got an answer, none a server error or a stack trace; every route but a
     * container's diagnosis (which may be a 404 when the container is gone) answered 2xx, and
     * /healthz and /metrics in time.
     */
    static void servedThroughout(ScrapeTally tally) {
        assertThat(tally.badAnswers()).as("server errors and stack traces").isEmpty();
        assertThat(tally.non2xx().keySet()).as("answers other than 2xx")
                .allMatch(k -> k.equals("404 " + CONTAINER_DIAGNOSIS));
        assertThat(tally.slowest("/healthz")).isLessThan(HEALTHZ_LIVENESS);
        assertThat(tally.slowest("/metrics")).isLessThan(METRICS_DEADLINE);
    }

    /**
     * The daemon holds no more threads and files after the faults than before them, its HTTP pool
     * within its bound, and at most one NVML thread.
     */
    static void leakedNothing(DaemonResources before, DaemonResources after) {
        assertThat(after.threads()).as("daemon threads, before %s, after %s", before.threadNames(),
                after.threadNames()).isLessThanOrEqualTo(before.threads() + THREAD_SLACK);
        assertThat(after.httpThreads()).as("HTTP pool threads").isLessThanOrEqualTo(HTTP_POOL_MAX);
        assertThat(after.fds()).as("open file descriptors").isLessThanOrEqualTo(before.fds() + FD_SLACK);
        assertThat(after.nvmlThreads()).as("NVML threads").isLessThanOrEqualTo(1);
    }
}
