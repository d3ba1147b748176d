package io.gpudoctor.agent.metrics.dcgm;

import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.gpus.MigGpuInstance;
import io.gpudoctor.agent.metrics.DcgmCompatMetrics;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One row of the dcgm-exporter mapping: a DCGM field, where gpu-doctor reads the same value and
 * how it becomes DCGM's unit. The value is exported as {@code name} exactly, with DCGM's labels.
 *
 * @param name     the DCGM field and family name, e.g. {@code DCGM_FI_DEV_FB_USED}
 * @param type     as dcgm-exporter's counter list declares it (written as a gauge, see {@link DcgmCompatMetrics})
 * @param help     dcgm-exporter's help text, with DCGM's unit
 * @param series   the gpu-doctor series of the same value, for the parity table
 * @param nvml     the NVML call or field it comes from
 * @param source   the GPU's value, in the reading's unit (NVML's, mostly)
 * @param scale    the factor from the reading's unit to DCGM's ({@code 1/1048576}: bytes to MiB)
 * @param instance where the field belongs to a MIG GPU instance (memory, profiling), its value
 *                 there, in the reading's unit: a MIG GPU then has a series per GPU instance
 *                 ({@code GPU_I_ID}) instead of one for the whole GPU, as dcgm-exporter's entities
 */
public record DcgmField(String name, Type type, String help, String series, String nvml,
                        Function<DcgmGpu, Optional<? extends Number>> source, double scale,
                        Optional<Function<MigGpuInstance, Optional<? extends Number>>> instance) {

    /** Whether dcgm-exporter declares the family a gauge or a counter. */
    public enum Type { GAUGE, COUNTER }

    public DcgmField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(instance, "instance");
        if (!name.startsWith("DCGM_FI_") || help.isBlank() || series.isBlank() || nvml.isBlank()) {
            throw new IllegalArgumentException(name + ": a DCGM field needs its name, help, series and NVML source");
        }
    }

    /** A field of the whole GPU only. */
    public DcgmField(String name, Type type, String help, String series, String nvml,
                     Function<DcgmGpu, Optional<? extends Number>> source, double scale) {
        this(name, type, help, series, nvml, source, scale, Optional.empty());
    }

    /** Whether a MIG GPU has this field per GPU instance rather than once. */
    public boolean perInstance(GpuReading gpu) {
        return instance.isPresent() && !gpu.migInstances().isEmpty();
    }

    /** The value of a MIG GPU instance in DCGM's unit; empty when it does not have it. */
    public Optional<Double> value(MigGpuInstance gpuInstance) {
        return instance.flatMap(f -> f.apply(gpuInstance)).map(v -> v.doubleValue() * scale);
    }

    /** The value in DCGM's unit; empty when the GPU does not have it. */
    public Optional<Double> value(DcgmGpu gpu) {
        return source.apply(gpu).map(v -> v.doubleValue() * scale);
    }
}
