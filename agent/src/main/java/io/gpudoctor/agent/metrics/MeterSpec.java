package io.gpudoctor.agent.metrics;

import io.gpudoctor.agent.collect.NodeState;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One metric a {@link StateBinder} exposes: its Micrometer name, unit and description, and how the
 * daemon's state turns into its series. Micrometer's Prometheus naming appends the unit and, for a
 * counter, {@code _total}; a name ending in {@code .info} is exposed as an info metric
 * ({@code _info}, value 1).
 *
 * @param baseUnit the unit appended to the Prometheus name ({@code bytes}, {@code seconds}); empty text for none
 * @param rows     the series the state gives, one row per label set; a value the state does not hold gives no row
 */
public record MeterSpec(Kind kind, String name, String baseUnit, String description,
                        Function<NodeState, List<Row>> rows) {

    public MeterSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUnit, "baseUnit");
        Objects.requireNonNull(rows, "rows");
        if (description.isBlank()) {
            throw new IllegalArgumentException(name + ": every meter needs a description");
        }
    }

    /** A value that goes up and down. */
    public static MeterSpec gauge(String name, String baseUnit, String description,
                                  Function<NodeState, List<Row>> rows) {
        return new MeterSpec(Kind.GAUGE, name, baseUnit, description, rows);
    }

    /** A cumulative count: the rows carry the running total, which only grows until its source resets. */
    public static MeterSpec counter(String name, String baseUnit, String description,
                                    Function<NodeState, List<Row>> rows) {
        return new MeterSpec(Kind.COUNTER, name, baseUnit, description, rows);
    }

    /** Whether the series are gauges or counters. */
    public enum Kind { GAUGE, COUNTER }

    /** One series: its labels and its value now. */
    public record Row(Tags tags, double value) {

        public Row {
            Objects.requireNonNull(tags, "tags");
        }
    }
}
