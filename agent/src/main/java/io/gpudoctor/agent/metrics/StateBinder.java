package io.gpudoctor.agent.metrics;

import io.gpudoctor.agent.collect.NodeState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A {@link MeterBinder} whose series follow the daemon's latest state. Micrometer reads a gauge's
 * value lazily but cannot discover new label sets by itself, so {@link #refresh()} re-reads the
 * state and sets each metric's series to what it now holds; the exposition calls it before every
 * scrape. It reads only the immutable state, never the driver.
 */
abstract class StateBinder implements MeterBinder {

    private final Supplier<NodeState> state;
    private final List<MeterSpec> specs;
    private final List<DynamicMeter> meters = new CopyOnWriteArrayList<>();

    protected StateBinder(Supplier<NodeState> state, List<MeterSpec> specs) {
        this.state = state;
        this.specs = List.copyOf(specs);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        List<DynamicMeter> bound = specs.stream().map(spec -> new DynamicMeter(registry, spec)).toList();
        meters.addAll(bound);
        update(bound, state.get());
    }

    /** Brings every series of every registry bound to the current state. */
    public void refresh() {
        update(meters, state.get());
    }

    private void update(List<DynamicMeter> targets, NodeState now) {
        for (DynamicMeter meter : targets) {
            meter.update(meter.spec().rows().apply(now));
        }
    }
}
