package io.gpudoctor.agent.metrics;

import io.gpudoctor.agent.collect.CollectionStatus;
import io.gpudoctor.agent.collect.GpuFreshness;
import io.gpudoctor.agent.collect.GpuSnapshot;
import io.gpudoctor.agent.collect.NodeState;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How the agent's own collection goes: {@code gpu_doctor_nvml_up}, {@code gpu_doctor_collection_success},
 * {@code gpu_doctor_collection_duration_seconds}, {@code gpu_doctor_last_collection_timestamp_seconds},
 * {@code gpu_doctor_collection_errors_total{call, error}} (driver calls that failed since the daemon
 * started), and per GPU {@code gpu_doctor_gpu_reading_age_seconds} and {@code gpu_doctor_gpu_reading_stale}.
 *
 * <p>Before the first collection has finished there is nothing to say, so these have no series
 * ({@code /readyz} answers 503 then). A GPU whose calls hung keeps its last reading, so its
 * {@code nvidia_gpu_*} series stay; the age says how old they are, and alerting on it (or on
 * {@code stale == 1}) tells a frozen value from a steady one.
 */
final class CollectionMetrics extends StateBinder {

    public CollectionMetrics(Supplier<NodeState> state, Clock clock) {
        super(state, List.of(
                MeterSpec.gauge("gpu.doctor.nvml.up", Units.NONE,
                        "Whether NVML was initialised and answering in the last collection (1) or not (0).",
                        s -> status(s, c -> GpuRows.flag(c.nvmlUp()))),
                MeterSpec.gauge("gpu.doctor.collection.success", Units.NONE,
                        "Whether the last collection read every GPU (1) or not (0).",
                        s -> status(s, c -> GpuRows.flag(c.success()))),
                MeterSpec.gauge("gpu.doctor.collection.duration", Units.SECONDS,
                        "How long the last collection took.",
                        s -> status(s, c -> seconds(c.duration()))),
                MeterSpec.gauge("gpu.doctor.last.collection.timestamp", Units.SECONDS,
                        "When the last collection finished, in seconds since the Unix epoch.",
                        s -> status(s, c -> epochSeconds(c.finishedAt()))),
                MeterSpec.counter("gpu.doctor.collection.errors", Units.NONE,
                        "Driver calls that failed since gpu-doctor started, by call and error (HUNG: past its deadline).",
                        CollectionMetrics::callErrors),
                MeterSpec.gauge("gpu.doctor.gpu.reading.age", Units.SECONDS,
                        "How old the GPU's exposed reading is; it grows while the GPU cannot be read.",
                        s -> freshness(s, f -> seconds(f.age(clock.instant())))),
                MeterSpec.gauge("gpu.doctor.gpu.reading.stale", Units.NONE,
                        "Whether the GPU's exposed reading is a kept one because the last collection could not renew it (1).",
                        s -> freshness(s, f -> GpuRows.flag(f.stale())))));
    }

    private static List<MeterSpec.Row> status(NodeState state, Function<CollectionStatus, Double> value) {
        Optional<CollectionStatus> status = state.gpus().map(GpuSnapshot::status);
        return status.map(c -> List.of(new MeterSpec.Row(Tags.empty(), value.apply(c)))).orElse(List.of());
    }

    private static List<MeterSpec.Row> callErrors(NodeState state) {
        return state.gpus().map(GpuSnapshot::status).map(CollectionStatus::callErrors).orElse(List.of()).stream()
                .map(c -> new MeterSpec.Row(Tags.of("call", c.call(), "error", c.error()), c.count()))
                .toList();
    }

    private static List<MeterSpec.Row> freshness(NodeState state, Function<GpuFreshness, Double> value) {
        // The inventory's UUID, which a lost GPU gets from the host's files, so that all its series agree.
        Map<Integer, String> uuids = new HashMap<>();
        GpuRows.gpus(state).forEach(g -> g.uuid().ifPresent(u -> uuids.put(g.index(), u)));
        return state.gpus().map(GpuSnapshot::freshness).orElse(List.of()).stream()
                .map(f -> new MeterSpec.Row(GpuRows.tags(f.gpu(), f.uuid().or(() -> Optional.ofNullable(
                        uuids.get(f.gpu()))).orElse("")), value.apply(f)))
                .toList();
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static double epochSeconds(Instant at) {
        return at.getEpochSecond() + at.getNano() / 1e9;
    }
}
