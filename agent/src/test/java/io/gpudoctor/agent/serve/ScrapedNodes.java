package io.gpudoctor.agent.serve;

import io.gpudoctor.agent.settings.Setting;
import io.gpudoctor.agent.testing.PrometheusProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Two simulated nodes an SRE's Prometheus scrapes: daemons on {@code dgx-h100} (healthy) and
 * {@code broken-node}, and Debian's Prometheus scraping both every second with the given rules.
 */
public final class ScrapedNodes implements AutoCloseable {

    private final RunningDaemon dgx;
    private final RunningDaemon broken;
    private final PrometheusProcess prometheus;

    private ScrapedNodes(RunningDaemon dgx, RunningDaemon broken, PrometheusProcess prometheus) {
        this.dgx = dgx;
        this.broken = broken;
        this.prometheus = prometheus;
    }

    /** Starts both daemons and Prometheus, its data under {@code work}; stops what started if a part fails. */
    public static ScrapedNodes start(Path work, List<Path> ruleFiles) throws Exception {
        Map<Setting<?>, Object> settings = RunningDaemon.loopback(Duration.ofMillis(500), Duration.ofSeconds(2));
        RunningDaemon dgx = RunningDaemon.start("dgx-h100", settings);
        RunningDaemon broken = null;
        try {
            broken = RunningDaemon.start("broken-node", settings);
            return new ScrapedNodes(dgx, broken, PrometheusProcess.start(work,
                    List.of(dgx.target(), broken.target()), Duration.ofSeconds(1), ruleFiles));
        } catch (Exception | Error e) {
            dgx.close();
            if (broken != null) {
                broken.close();
            }
            throw e;
        }
    }

    public RunningDaemon dgx() {
        return dgx;
    }

    public RunningDaemon broken() {
        return broken;
    }

    public PrometheusProcess prometheus() {
        return prometheus;
    }

    @Override
    public void close() throws InterruptedException {
        prometheus.close();
        dgx.close();
        broken.close();
    }
}
