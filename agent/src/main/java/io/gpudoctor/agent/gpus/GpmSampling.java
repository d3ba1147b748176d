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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The GPM fields of the table ({@link FieldSource.Gpm}) across collection cycles: GPM compares two
 * samples of a GPU (or of one GPU instance of a MIG GPU), so each one's last sample is kept until
 * the next cycle compares it with a new one; the first cycle has no GPM samples. A GPU without
 * GPM has none, and no error.
 *
 * <p>Samples are native memory. One that is no longer wanted (its GPU or instance gone or changed,
 * NVML restarted, a call about it failed or hung) waits in a list and is freed, exactly once, by
 * the first later call that finds the native lane free: never while a hung call may still be
 * using it. Between cycles each GPU and GPU instance with GPM holds one sample. Closing the
 * sampler leaves those (one small buffer each) to the process's exit: a free at close could wait
 * a whole call deadline behind a call stuck in the driver, and closing must be prompt. Not
 * thread-safe: the sampler's thread uses it.
 */
public final class GpmSampling {

    private final List<GpuField> fields;
    private final List<GpmMetric> metrics;
    private final Map<Target, Held> held = new HashMap<>();
    /** What this cycle sampled; {@link #endCycle} drops the samples of the rest. */
    private final Set<Target> sampled = new HashSet<>();
    /** The GPUs this cycle found with GPM, whose instances may then be sampled. */
    private final Set<Integer> withGpm = new HashSet<>();
    private final List<GpmSample> toFree = new ArrayList<>();

    public GpmSampling(List<GpuField> fields) {
        this.fields = fields.stream().filter(f -> f.source() instanceof FieldSource.Gpm).toList();
        this.metrics = this.fields.stream().map(f -> ((FieldSource.Gpm) f.source()).metric()).distinct().toList();
    }

    /** This cycle's GPM samples of GPU {@code gpu}, from its sample of the last cycle and a new one. */
    List<FieldSample> read(Nvml nvml, int gpu, Optional<String> uuid, BoundedCaller caller, CallRecorder r) {
        freeUnwanted(nvml, caller);
        boolean supported = !metrics.isEmpty() && uuid.isPresent()
                && r.value("gpmSupported", () -> nvml.gpmSupported(gpu)).orElse(false);
        if (supported) {
            withGpm.add(gpu);
        }
        return sample(nvml, new Target(gpu, OptionalInt.empty()), uuid, supported, r, "gpmSampleGet",
                s -> nvml.gpmSampleGet(gpu, s));
    }

    /**
     * This cycle's GPM samples of GPU instance {@code gpuInstanceId} of GPU {@code gpu}, which this
     * cycle's {@link #read} of the GPU found with GPM.
     *
     * @param identity what tells this instance from one re-created with its id
     */
    List<FieldSample> readInstance(Nvml nvml, int gpu, int gpuInstanceId, Optional<String> identity,
                                   BoundedCaller caller, CallRecorder r) {
        freeUnwanted(nvml, caller);
        return sample(nvml, new Target(gpu, OptionalInt.of(gpuInstanceId)), identity,
                withGpm.contains(gpu) && identity.isPresent(), r, "gpmMigSampleGet",
                s -> nvml.gpmMigSampleGet(gpu, gpuInstanceId, s));
    }

    /**
     * Ends a cycle: drops the samples of GPUs and instances this cycle did not sample (the GPU
     * count went down, an instance was destroyed) and frees what this cycle no longer needs, so
     * between cycles each GPU and instance holds one sample.
     */
    public void endCycle(Nvml nvml, BoundedCaller caller) {
        held.keySet().stream().filter(target -> !sampled.contains(target)).toList()
                .forEach(target -> toFree.add(held.remove(target).sample()));
        sampled.clear();
        withGpm.clear();
        freeUnwanted(nvml, caller);
    }

    /** Drops every kept sample, as when NVML restarts: a sample of an earlier session is not compared. */
    public void forgetAll() {
        held.values().forEach(h -> toFree.add(h.sample()));
        held.clear();
        sampled.clear();
        withGpm.clear();
    }

    private List<FieldSample> sample(Nvml nvml, Target target, Optional<String> identity, boolean supported,
                                     CallRecorder r, String call, Fill fill) {
        sampled.add(target);
        Held previous = held.remove(target);
        Optional<Held> last = Optional.ofNullable(previous).filter(h -> h.identity().equals(identity));
        if (previous != null && last.isEmpty()) {
            toFree.add(previous.sample());
        }
        if (!supported) {
            last.ifPresent(h -> toFree.add(h.sample()));
            return List.of();
        }
        Optional<GpmSample> fresh = r.value("gpmSampleAlloc", nvml::gpmSampleAlloc);
        if (fresh.isEmpty()) {
            last.ifPresent(h -> toFree.add(h.sample()));
            return List.of();
        }
        GpmSample sample = fresh.get();
        if (r.value(call, () -> fill(fill, sample)).isEmpty()) {
            toFree.add(sample);
            last.ifPresent(h -> toFree.add(h.sample()));
            return List.of();
        }
        held.put(target, new Held(identity, sample));
        if (last.isEmpty()) {
            return List.of();
        }
        toFree.add(last.get().sample());
        return r.value("gpmMetrics", () -> nvml.gpmMetrics(last.get().sample(), sample, metrics))
                .map(this::samples).orElse(List.of());
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

    private static boolean fill(Fill fill, GpmSample sample) {
        fill.into(sample);
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

    /** A GPU, or one GPU instance of it. */
    private record Target(int gpu, OptionalInt gpuInstance) {
    }

    private record Held(Optional<String> identity, GpmSample sample) {
    }

    /** Fills a sample through one NVML call. */
    @FunctionalInterface
    private interface Fill {
        void into(GpmSample sample);
    }
}
