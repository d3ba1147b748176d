package io.gpudoctor.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

/** What every fault test asks of the daemon: it kept serving, and it kept nothing it should have let go. */
final class ServingAssertions {

    /** Every route the scrapers ask, as a Prometheus server, a kubelet probe and a person would. */
    static final List<String> ROUTES = List.of("/metrics", "/healthz", "/diagnose", "/");

    /**
     * A bound for liveness, not a performance target: the target for /healthz is 100 ms, but a
     * two-CPU machine shared with other builds can stall any thread for a second.
     */
    static final Duration HEALTHZ_LIVENESS = Duration.ofSeconds(2);
    /** A scrape is answered half a second before Prometheus' default timeout gives up on it. */
    static final Duration METRICS_DEADLINE = FaultyNode.SCRAPE_TIMEOUT.minusMillis(500);
    /**
     * Threads the daemon may have gained over a run: Jetty's pool grows with the requests in
     * flight, and may start one more between the two counts; a leak per fault, per cycle or per
     * request is far more.
     */
    static final int THREAD_SLACK = 3;
    /** Descriptors this process may have gained: a client's connection replaced after a timeout. */
    static final int FD_SLACK = 8;

    private ServingAssertions() {
    }

    /** Every request got an answer, /healthz and /metrics always 200 and in time, none a server error or a stack trace. */
    static void servedThroughout(ScrapeTally tally) {
        assertThat(tally.badAnswers()).as("server errors and stack traces").isEmpty();
        assertThat(tally.non2xx()).as("answers other than 2xx").doesNotContainKeys(
                ScrapeTally.NO_ANSWER + " /healthz", ScrapeTally.NO_ANSWER + " /metrics",
                ScrapeTally.NO_ANSWER + " /diagnose", ScrapeTally.NO_ANSWER + " /");
        assertThat(tally.non2xx().keySet()).as("answers other than 2xx")
                .noneMatch(k -> k.endsWith(" /healthz") || k.endsWith(" /metrics"));
        assertThat(tally.slowest("/healthz")).isLessThan(HEALTHZ_LIVENESS);
        assertThat(tally.slowest("/metrics")).isLessThan(METRICS_DEADLINE);
    }

    /** The daemon holds no more threads and files after the faults than before them, and at most one NVML thread. */
    static void leakedNothing(DaemonResources before, DaemonResources after) {
        assertThat(after.threads()).as("daemon threads, before %s, after %s", before.threadNames(),
                after.threadNames()).isLessThanOrEqualTo(before.threads() + THREAD_SLACK);
        assertThat(after.fds()).as("open file descriptors").isLessThanOrEqualTo(before.fds() + FD_SLACK);
        assertThat(after.nvmlThreads()).as("NVML threads").isLessThanOrEqualTo(1);
    }
}
