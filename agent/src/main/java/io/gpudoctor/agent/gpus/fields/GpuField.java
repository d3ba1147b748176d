package io.gpudoctor.agent.gpus.fields;

import java.util.Map;
import java.util.Objects;

/**
 * One NVML value gpu-doctor reads from every GPU and exports: the single place a field is
 * described, from the NVML call to the Prometheus series. {@link GpuFields#ALL} lists them; the
 * reader ({@link GpuFieldReader}) and the metrics read nothing else.
 *
 * <p>Several fields may share one {@code metric} when their {@code labels} tell them apart (the
 * four NVLink error counters are one family with a {@code type} label); they then share unit,
 * kind and help.
 *
 * @param key      unique name of the field, as samples and JSON carry it, e.g. {@code nvlink_errors.replay}
 * @param metric   Micrometer name of the family, e.g. {@code nvidia.gpu.memory.temperature}: the unit and,
 *                 for a counter, {@code _total} are appended in Prometheus
 * @param labels   constant labels of this field's series within the family
 * @param source   the NVML call or field id
 * @param unit     the base unit the value is exported in ({@code celsius}, {@code bytes}, {@code seconds},
 *                 {@code ratio}); empty text for a plain count or state
 * @param kind     gauge or counter
 * @param nvmlUnit the unit NVML answers in ({@code %}, {@code KiB}, {@code ns}, {@code mJ}, ...)
 * @param scale    the factor from NVML's unit to the base unit
 * @param help     the family's help text
 */
public record GpuField(String key, String metric, Map<String, String> labels, FieldSource source, String unit,
                       Kind kind, String nvmlUnit, double scale, String help) {

    /** Whether the series go up and down or only count up (until the driver reloads). */
    public enum Kind { GAUGE, COUNTER }

    public GpuField {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(nvmlUnit, "nvmlUnit");
        labels = Map.copyOf(labels);
        if (help.isBlank()) {
            throw new IllegalArgumentException(key + ": every field needs help text");
        }
    }

    /**
     * The Prometheus family name, as Micrometer's naming makes it from {@code metric}, {@code unit}
     * and {@code kind}: {@code nvidia_gpu_nvlink_errors_total}.
     */
    public String prometheusName() {
        String base = metric.replace('.', '_') + (unit.isEmpty() ? "" : "_" + unit);
        return kind == Kind.COUNTER ? base + "_total" : base;
    }
}
