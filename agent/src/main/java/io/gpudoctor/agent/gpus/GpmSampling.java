package io.gpudoctor.agent.gpus;

import io.gpudoctor.agent.gpus.fields.FieldSample;
import io.gpudoctor.agent.gpus.fields.FieldSource;
import io.gpudoctor.agent.gpus.fields.GpuField;
import io.gpudoctor.agent.nativecall.BoundedCaller;
import io.gpudoctor.agent.nativecall.CallOutcome;
import io.gpudoctor.nvml.GpmMetric;
import io.gpudoctor.nvml.GpmSample;
import io.gpudoctor.nvml.Nvml;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The GPM fields of the table ({@link FieldSource.Gpm}) across collection cycles: GPM compares two
 * samples of a GPU, so each GPU's last sample is kept until the next cycle compares it with a new
 * one; the first cycle of a GPU has no GPM samples. A GPU without GPM has none, and no error.
 *
 * <p>Samples are native memory. One that is no longer wanted (its GPU gone or changed, NVML
 * restarted, a call about it failed or hung) waits in a list and is freed, exactly once, by the
 * first later call that finds the native lane free: never while a hung call may still be using it.
 * Between cycles each GPU with GPM holds one sample. Closing the sampler leaves those (one small
 * buffer per GPU) to the process's exit: a free at close could wait a whole call deadline behind a
 * call stuck in the driver, and closing must be prompt. Not thread-safe: the sampler's thread uses it.
 */
public final class GpmSampling {

    private final List<GpuField> fields;
    private final List<GpmMetric> metrics;
    private final Map<Integer, Held> held = new HashMap<>();
    private final List<GpmSample> toFree = new ArrayList<>();

    public GpmSampling(List<GpuField> fields) {
        this.fields = fields.stream().filter(f -> f.source() instanceof FieldSource.Gpm).toList();
        this.metrics = this.fields.stream().map(f -> ((FieldSource.Gpm) f.source()).metric()).distinct().toList();
    }

    /** This cycle's GPM samples of GPU {@code gpu}, from its sample of the last cycle and a new one. */
    List<FieldSample> read(Nvml nvml, int gpu, Optional<String> uuid, BoundedCaller caller, CallRecorder r) {
        freeUnwanted(nvml, caller);
        Held previous = held.remove(gpu);
        Optional<Held> last = Optional.ofNullable(previous).filter(h -> h.uuid().equals(uuid));
        if (previous != null && last.isEmpty()) {
            toFree.add(previous.sample());
        }
        if (metrics.isEmpty() || uuid.isEmpty()
                || !r.value("gpmSupported", () -> nvml.gpmSupported(gpu)).orElse(false)) {
            last.ifPresent(h -> toFree.add(h.sample()));
            return List.of();
        }
        Optional<GpmSample> fresh = r.value("gpmSampleAlloc", nvml::gpmSampleAlloc);
        if (fresh.isEmpty()) {
            last.ifPresent(h -> toFree.add(h.sample()));
            return List.of();
        }
        GpmSample sample = fresh.get();
        if (r.value("gpmSampleGet", () -> fill(nvml, gpu, sample)).isEmpty()) {
            toFree.add(sample);
            last.ifPresent(h -> toFree.add(h.sample()));
            return List.of();
        }
        held.put(gpu, new Held(uuid, sample));
        if (last.isEmpty()) {
            return List.of();
        }
        toFree.add(last.get().sample());
        return r.value("gpmMetrics", () -> nvml.gpmMetrics(last.get().sample(), sample, metrics))
                .map(this::samples).orElse(List.of());
    }

    /**
     * Ends a cycle: drops the samples of GPUs not among {@code present} (the GPU count went down)
     * and frees what this cycle no longer needs, so between cycles each GPU holds one sample.
     */
    public void endCycle(Set<Integer> present, Nvml nvml, BoundedCaller caller) {
        held.keySet().stream().filter(gpu -> !present.contains(gpu)).toList()
                .forEach(gpu -> toFree.add(held.remove(gpu).sample()));
        freeUnwanted(nvml, caller);
    }

    /** Drops every kept sample, as when NVML restarts: a sample of an earlier session is not compared. */
    public void forgetAll() {
        held.values().forEach(h -> toFree.add(h.sample()));
        held.clear();
    }

    private void freeUnwanted(Nvml nvml, BoundedCaller caller) {
        List<GpmSample> freed = new ArrayList<>();
        for (GpmSample sample : toFree) {
            CallOutcome<Boolean> outcome = caller.call("gpmSampleFree", () -> {
                nvml.gpmSampleFree(sample);
                return true;
            });
            // A failed free is not retried: the bindings free a sample's memory at most once.
            if (!(outcome instanceof CallOutcome.Hung<Boolean>)) {
                freed.add(sample);
            }
        }
        toFree.removeAll(freed);
    }

    private static boolean fill(Nvml nvml, int gpu, GpmSample sample) {
        nvml.gpmSampleGet(gpu, sample);
        return true;
    }

    private List<FieldSample> samples(Map<GpmMetric, Double> values) {
        List<FieldSample> samples = new ArrayList<>();
        for (GpuField field : fields) {
            Double value = values.get(((FieldSource.Gpm) field.source()).metric());
            if (value != null) {
                samples.add(new FieldSample(field.key(), Map.of(), value * field.scale()));
            }
        }
        return samples;
    }

    private record Held(Optional<String> uuid, GpmSample sample) {
    }
}
