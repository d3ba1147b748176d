package io.gpudoctor.agent.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The series of one {@link MeterSpec} in one registry, following the rows it is given: a label set
 * seen for the first time is registered, one no longer given is removed, so a GPU, process,
 * container or finding that goes away takes its series with it. A label set that stays keeps its
 * meter; only its value changes, so a counter stays one continuous series.
 */
final class DynamicMeter {

    private final MeterRegistry registry;
    private final MeterSpec spec;
    private final Map<Tags, Meter> registered = new HashMap<>();
    private volatile Map<Tags, Double> values = Map.of();

    DynamicMeter(MeterRegistry registry, MeterSpec spec) {
        this.registry = registry;
        this.spec = spec;
    }

    MeterSpec spec() {
        return spec;
    }

    /** Makes the series exactly these rows; of two rows with the same labels the first counts. */
    synchronized void update(List<MeterSpec.Row> rows) {
        Map<Tags, Double> latest = new LinkedHashMap<>();
        for (MeterSpec.Row row : rows) {
            latest.putIfAbsent(row.tags(), row.value());
        }
        values = latest;
        for (Iterator<Map.Entry<Tags, Meter>> it = registered.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Tags, Meter> entry = it.next();
            if (!latest.containsKey(entry.getKey())) {
                registry.remove(entry.getValue());
                it.remove();
            }
        }
        for (Tags tags : latest.keySet()) {
            registered.computeIfAbsent(tags, this::register);
        }
    }

    private Meter register(Tags tags) {
        String unit = spec.baseUnit().isEmpty() ? null : spec.baseUnit();
        return switch (spec.kind()) {
            case GAUGE -> Gauge.builder(spec.name(), this, meter -> meter.value(tags))
                    .tags(tags)
                    .baseUnit(unit)
                    .description(spec.description())
                    .strongReference(true)
                    .register(registry);
            case COUNTER -> FunctionCounter.builder(spec.name(), this, meter -> meter.value(tags))
                    .tags(tags)
                    .baseUnit(unit)
                    .description(spec.description())
                    .register(registry);
        };
    }

    /**
     * The latest value of a label set. NaN only for a meter read between a removal and its
     * update, which the exposition prevents by refreshing and scraping under one lock.
     */
    private double value(Tags tags) {
        return values.getOrDefault(tags, Double.NaN);
    }
}
