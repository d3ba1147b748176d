package io.gpudoctor.agent.metrics;

import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.gpus.fields.FieldSample;
import io.gpudoctor.agent.gpus.fields.GpuField;
import io.gpudoctor.agent.gpus.fields.GpuFields;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One family per metric of the field table ({@link GpuFields}): the fields that share a metric
 * name are one family, their constant labels telling them apart. Every series carries the GPU's
 * labels; a GPU without a field has no series for it.
 */
public final class GpuFieldMetrics extends StateBinder {

    public GpuFieldMetrics(Supplier<NodeState> state) {
        this(state, GpuFields.ALL);
    }

    GpuFieldMetrics(Supplier<NodeState> state, List<GpuField> fields) {
        super(state, specs(fields));
    }

    private static List<MeterSpec> specs(List<GpuField> fields) {
        Map<String, List<GpuField>> families = new LinkedHashMap<>();
        fields.forEach(f -> families.computeIfAbsent(f.metric(), m -> new ArrayList<>()).add(f));
        return families.values().stream().map(GpuFieldMetrics::spec).toList();
    }

    private static MeterSpec spec(List<GpuField> family) {
        GpuField first = family.get(0);
        for (GpuField f : family) {
            if (!f.unit().equals(first.unit()) || f.kind() != first.kind() || !f.help().equals(first.help())) {
                throw new IllegalArgumentException(f.key() + " shares " + f.metric() + " with " + first.key()
                        + " but not its unit, kind and help");
            }
        }
        MeterSpec.Kind kind = first.kind() == GpuField.Kind.COUNTER ? MeterSpec.Kind.COUNTER : MeterSpec.Kind.GAUGE;
        return new MeterSpec(kind, first.metric(), first.unit(), first.help(), state -> rows(state, family));
    }

    private static List<MeterSpec.Row> rows(NodeState state, List<GpuField> family) {
        List<MeterSpec.Row> rows = new ArrayList<>();
        for (GpuReading gpu : GpuRows.gpus(state)) {
            for (GpuField field : family) {
                for (FieldSample sample : gpu.samples(field.key())) {
                    Tags tags = GpuRows.tags(gpu);
                    for (Map.Entry<String, String> label : field.labels().entrySet()) {
                        tags = tags.and(label.getKey(), label.getValue());
                    }
                    for (Map.Entry<String, String> label : sample.labels().entrySet()) {
                        tags = tags.and(label.getKey(), label.getValue());
                    }
                    rows.add(new MeterSpec.Row(tags, sample.value()));
                }
            }
        }
        return rows;
    }
}
