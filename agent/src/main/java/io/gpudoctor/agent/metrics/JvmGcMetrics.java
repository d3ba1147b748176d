package io.gpudoctor.agent.metrics;

import io.gpudoctor.agent.collect.NodeState;
import io.micrometer.core.instrument.Tags;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The JVM's garbage collections, per collector: {@code jvm_gc_collections_total{gc}} and
 * {@code jvm_gc_collection_seconds_total{gc}}. Read from the collectors' MXBeans at each scrape,
 * without the notification listeners Micrometer's GC binder installs (which would outlive an
 * exposition that is dropped).
 */
public final class JvmGcMetrics extends StateBinder {

    private static final double MILLIS = 1e3;

    public JvmGcMetrics() {
        super(NodeState::empty, List.of(
                MeterSpec.counter("jvm.gc.collections", Units.NONE, "Garbage collections since the JVM started.",
                        s -> rows(gc -> gc.getCollectionCount())),
                MeterSpec.counter("jvm.gc.collection", Units.SECONDS,
                        "Time spent in garbage collections since the JVM started.",
                        s -> rows(gc -> gc.getCollectionTime() / MILLIS))));
    }

    private static List<MeterSpec.Row> rows(ToDoubleFunction<GarbageCollectorMXBean> value) {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(gc -> gc.getCollectionCount() >= 0)
                .map(gc -> new MeterSpec.Row(Tags.of("gc", gc.getName()), value.applyAsDouble(gc)))
                .toList();
    }
}
