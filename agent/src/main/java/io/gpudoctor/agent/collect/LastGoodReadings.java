package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.gpus.CallError;
import io.gpudoctor.agent.gpus.GpuReading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Each GPU's last good reading, so that a GPU whose calls hung or failed keeps its values (with
 * their age) instead of vanishing from dashboards. A reading is good when NVML named the GPU and
 * told its memory, and no call hung or said the GPU or the driver is gone; a metric the GPU merely
 * lacks, or one odd failing call, does not make the rest of the reading old.
 */
final class LastGoodReadings {

    /** Errors after which nothing in a reading can be trusted to be current. */
    static final Set<String> SPOILING = Set.of("HUNG", "NVML_ERROR_GPU_IS_LOST", "NVML_ERROR_UNINITIALIZED",
            "NVML_ERROR_DRIVER_NOT_LOADED", "NVML_ERROR_LIB_RM_VERSION_MISMATCH");

    private final Map<Integer, Kept> kept = new TreeMap<>();

    /**
     * This cycle's readings, each one that is not good replaced by its GPU's last good one carrying
     * this cycle's errors. GPUs beyond the ones read are forgotten: the driver no longer lists them.
     */
    Renewed renew(List<GpuReading> read, Instant now) {
        kept.keySet().removeIf(index -> index >= read.size());
        List<GpuReading> gpus = new ArrayList<>();
        List<GpuFreshness> freshness = new ArrayList<>();
        for (GpuReading reading : read) {
            if (good(reading)) {
                kept.put(reading.index(), new Kept(reading, now));
                gpus.add(reading);
                freshness.add(new GpuFreshness(reading.index(), reading.uuid(), now, Optional.empty()));
                continue;
            }
            Optional<String> why = Optional.of(describe(reading.errors()));
            Kept last = kept.get(reading.index());
            if (last == null) {
                gpus.add(reading);
                freshness.add(new GpuFreshness(reading.index(), reading.uuid(), now, why));
            } else {
                gpus.add(last.reading().withErrors(reading.errors()));
                freshness.add(new GpuFreshness(reading.index(), last.reading().uuid(), last.at(), why));
            }
        }
        return new Renewed(gpus, freshness);
    }

    /** No GPU could be read this cycle, for {@code why}: every last good reading, stale. */
    Renewed unread(List<CallError> why) {
        List<GpuReading> gpus = new ArrayList<>();
        List<GpuFreshness> freshness = new ArrayList<>();
        Optional<String> reason = Optional.of(describe(why));
        kept.values().forEach(k -> {
            gpus.add(k.reading().withErrors(why));
            freshness.add(new GpuFreshness(k.reading().index(), k.reading().uuid(), k.at(), reason));
        });
        return new Renewed(gpus, freshness);
    }

    static boolean good(GpuReading reading) {
        return reading.uuid().isPresent() && reading.memory().isPresent()
                && reading.errors().stream().noneMatch(e -> SPOILING.contains(e.error()));
    }

    private static String describe(List<CallError> errors) {
        return errors.stream().filter(e -> SPOILING.contains(e.error())).findFirst()
                .or(() -> errors.stream().findFirst())
                .map(e -> e.call() + ": " + e.error() + (e.message().isEmpty() ? "" : " (" + e.message() + ")"))
                .orElse("not read");
    }

    /** The readings a snapshot carries and how current each one is, in index order. */
    record Renewed(List<GpuReading> gpus, List<GpuFreshness> freshness) {
    }

    private record Kept(GpuReading reading, Instant at) {
    }
}
