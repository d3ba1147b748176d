package io.gpudoctor.agent.metrics;

import io.gpudoctor.agent.collect.GpuSnapshot;
import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.gpus.GpuReading;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Rows of the per-GPU metrics: every series carries {@code gpu} (the NVML index) and {@code uuid}.
 * A GPU whose reading is stale is still in the snapshot with its last values, so its series stay.
 */
final class GpuRows {

    private GpuRows() {
    }

    /** The GPUs of the latest snapshot; none before the first collection. */
    static List<GpuReading> gpus(NodeState state) {
        return state.gpus().map(GpuSnapshot::inventory).map(i -> i.gpus()).orElse(List.of());
    }

    /** The labels that name a GPU. */
    static Tags tags(GpuReading gpu) {
        return tags(gpu.index(), gpu.uuid().orElse(""));
    }

    static Tags tags(int gpu, String uuid) {
        return Tags.of("gpu", Integer.toString(gpu), "uuid", uuid);
    }

    /** One row per GPU that has the value; a GPU without it (not supported, call failed) has none. */
    static List<MeterSpec.Row> each(NodeState state, Function<GpuReading, Optional<? extends Number>> value) {
        List<MeterSpec.Row> rows = new ArrayList<>();
        for (GpuReading gpu : gpus(state)) {
            value.apply(gpu).ifPresent(v -> rows.add(new MeterSpec.Row(tags(gpu), v.doubleValue())));
        }
        return rows;
    }

    /** One row per GPU and key, the key in {@code label}. */
    static List<MeterSpec.Row> eachKeyed(NodeState state, String label,
                                         Function<GpuReading, Map<String, ? extends Number>> values) {
        List<MeterSpec.Row> rows = new ArrayList<>();
        for (GpuReading gpu : gpus(state)) {
            values.apply(gpu).forEach((key, v) ->
                    rows.add(new MeterSpec.Row(tags(gpu).and(label, key), v.doubleValue())));
        }
        return rows;
    }

    /** 1 for true, 0 for false: how Prometheus carries a flag. */
    static double flag(boolean on) {
        return on ? 1 : 0;
    }
}
