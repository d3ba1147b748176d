package io.gpudoctor.agent.metrics;

import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.settings.MetricsCompat;
import io.gpudoctor.agent.web.MetricsExposition;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code /metrics}: every binder of this package over one Prometheus registry. A scrape brings the
 * series to the latest state and writes them; it reads the immutable state only, never the driver,
 * so it answers at once even while an NVML call hangs.
 *
 * <p>Refresh and write happen under one lock, so a scrape never sees a series half-way between
 * two states. Scrapes that queue on that lock share work: a scrape is answered with the last
 * rendering in its format if that rendering began after the scrape arrived (so it is as fresh as
 * one of its own), else it renders. However many scrapers pile up, each waits for at most the
 * rendering under way and one more (an eight-GPU node's, about 350 series and 40 KB, takes a few
 * milliseconds), instead of one rendering per scraper ahead of it.
 */
public final class PrometheusExposition implements MetricsExposition {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<StateBinder> binders;
    private final Object lock = new Object();
    private Optional<Rendering> last = Optional.empty();

    /**
     * @param state   the daemon's latest state, read at every scrape
     * @param version the running build's version for {@code gpu_doctor_build_info}
     * @param clock   what "now" is, for the age of each GPU's reading
     */
    public PrometheusExposition(Supplier<NodeState> state, String version, Clock clock) {
        this(state, version, clock, MetricsCompat.NONE);
    }

    /**
     * @param compat which other exporter's families to write as well
     */
    public PrometheusExposition(Supplier<NodeState> state, String version, Clock clock, MetricsCompat compat) {
        List<StateBinder> own = List.of(
                new GpuIdentityMetrics(state),
                new GpuMemoryMetrics(state),
                new GpuActivityMetrics(state),
                new GpuPowerMetrics(state),
                new GpuErrorMetrics(state),
                new GpuFieldMetrics(state),
                new MigMetrics(state),
                new WorkloadMemoryMetrics(state),
                new FindingMetrics(state),
                new NodeInfoMetrics(state),
                new CollectionMetrics(state, clock),
                new ProcessMetrics(),
                new JvmGcMetrics());
        this.binders = compat == MetricsCompat.DCGM
                ? Stream.concat(own.stream(), Stream.of(new DcgmCompatMetrics(state))).toList() : own;
        binders.forEach(binder -> binder.bindTo(registry));
        new BuildInfoMetrics(version).bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
    }

    @Override
    public Scrape scrape(String acceptHeader) {
        ScrapeFormat format = ScrapeFormat.negotiate(acceptHeader);
        long arrived = System.nanoTime();
        synchronized (lock) {
            Optional<Rendering> shared = last.filter(r -> r.format() == format && r.began() - arrived >= 0);
            if (shared.isPresent()) {
                return shared.get().scrape();
            }
            long began = System.nanoTime();
            binders.forEach(StateBinder::refresh);
            String text = SampleValues.rewrite(registry.scrape(format.contentType()), format::sampleValue);
            Scrape scrape = Scrape.of(format.contentType(), text);
            last = Optional.of(new Rendering(began, format, scrape));
            return scrape;
        }
    }

    /** A scrape's text, and when ({@link System#nanoTime()}) its rendering began. */
    private record Rendering(long began, ScrapeFormat format, Scrape scrape) {
    }
}
