package io.gpudoctor.agent.metrics.dcgm;

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
 */
public record DcgmField(String name, Type type, String help, String series, String nvml,
                        Function<DcgmGpu, Optional<? extends Number>> source, double scale) {

    /** Whether dcgm-exporter declares the family a gauge or a counter. */
    public enum Type { GAUGE, COUNTER }

    public DcgmField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        if (!name.startsWith("DCGM_FI_") || help.isBlank() || series.isBlank() || nvml.isBlank()) {
            throw new IllegalArgumentException(name + ": a DCGM field needs its name, help, series and NVML source");
        }
    }

    /** The value in DCGM's unit; empty when the GPU does not have it. */
    public Optional<Double> value(DcgmGpu gpu) {
        return source.apply(gpu).map(v -> v.doubleValue() * scale);
    }
}
