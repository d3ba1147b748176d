package io.gpudoctor.agent.metrics;

import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.web.MetricsExposition;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code /metrics}: every binder of this package over one Prometheus registry. A scrape brings the
 * series to the latest state and writes them; it reads the immutable state only, never the driver,
 * so it answers at once even while an NVML call hangs.
 *
 * <p>Refresh and write happen under one lock, so a scrape never sees a series half-way between
 * two states. Serialising scrapes costs little: one of an eight-GPU node (about 350 series, 40 KB
 * of text) took about 2 ms on a busy two-core machine.
 */
public final class PrometheusExposition implements MetricsExposition {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<StateBinder> binders;
    private final Object lock = new Object();

    /**
     * @param state   the daemon's latest state, read at every scrape
     * @param version the running build's version for {@code gpu_doctor_build_info}
     * @param clock   what "now" is, for the age of each GPU's reading
     */
    public PrometheusExposition(Supplier<NodeState> state, String version, Clock clock) {
        this.binders = List.of(
                new GpuIdentityMetrics(state),
                new GpuMemoryMetrics(state),
                new GpuActivityMetrics(state),
                new GpuPowerMetrics(state),
                new GpuErrorMetrics(state),
                new WorkloadMemoryMetrics(state),
                new FindingMetrics(state),
                new CollectionMetrics(state, clock));
        binders.forEach(binder -> binder.bindTo(registry));
        new BuildInfoMetrics(version).bindTo(registry);
    }

    @Override
    public Scrape scrape(String acceptHeader) {
        ScrapeFormat format = ScrapeFormat.negotiate(acceptHeader);
        synchronized (lock) {
            binders.forEach(StateBinder::refresh);
            return new Scrape(format.contentType(), registry.scrape(format.contentType()));
        }
    }
}
