package io.gpudoctor.agent.metrics.dcgm;

import io.gpudoctor.agent.collect.XidCount;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.gpus.fields.FieldSample;
import io.gpudoctor.agent.gpus.fields.GpuField;
import io.gpudoctor.agent.gpus.fields.GpuFields;
import io.gpudoctor.agent.metrics.dcgm.DcgmField.Type;
import io.gpudoctor.nvml.PerfPolicy;
import io.gpudoctor.nvml.RemappedRows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The mapping table of {@code --metrics.compat=dcgm}: every DCGM field gpu-doctor can fill, from
 * which reading and with which unit conversion. A field missing here is one NVML cannot give
 * (docs/metrics.md says which and why); adding one is one entry.
 */
public final class DcgmFields {

    /** NVML sizes are bytes; DCGM's frame-buffer fields are MiB. */
    private static final double PER_MIB = 1.0 / (1024 * 1024);
    /** NVML's PCIe throughput is KiB/s; DCGM's profiling PCIe fields are bytes/s. */
    private static final double KIB = 1024;
    /** The reading keeps energy in joules (NVML: mJ); DCGM's energy field is mJ. */
    private static final double MILLIJOULES_PER_JOULE = 1000;

    /** Every field exported in DCGM mode, in the order of dcgm-exporter's counter list. */
    public static final List<DcgmField> ALL = table();

    private DcgmFields() {
    }

    private static List<DcgmField> table() {
        List<DcgmField> t = new ArrayList<>();
        t.add(field("DCGM_FI_DEV_SM_CLOCK", Type.GAUGE, "SM clock frequency (in MHz).",
                "nvidia_gpu_clock_hertz{clock=\"sm\"}", "nvmlDeviceGetClockInfo(NVML_CLOCK_SM)",
                g -> clock(g, "sm"), 1));
        t.add(field("DCGM_FI_DEV_MEM_CLOCK", Type.GAUGE, "Memory clock frequency (in MHz).",
                "nvidia_gpu_clock_hertz{clock=\"memory\"}", "nvmlDeviceGetClockInfo(NVML_CLOCK_MEM)",
                g -> clock(g, "memory"), 1));
        t.add(sample("DCGM_FI_DEV_MEMORY_TEMP", Type.GAUGE, "Memory temperature (in C).",
                GpuFields.MEMORY_TEMPERATURE, "nvmlDeviceGetFieldValues(NVML_FI_DEV_MEMORY_TEMP)"));
        t.add(field("DCGM_FI_DEV_GPU_TEMP", Type.GAUGE, "GPU temperature (in C).",
                "nvidia_gpu_temperature_celsius", "nvmlDeviceGetTemperature(NVML_TEMPERATURE_GPU)",
                GpuReading::temperatureCelsius, 1));
        t.add(field("DCGM_FI_DEV_POWER_USAGE", Type.GAUGE, "Power draw (in W).",
                "nvidia_gpu_power_usage_watts", "nvmlDeviceGetPowerUsage", GpuReading::powerUsageWatts, 1));
        t.add(field("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", Type.COUNTER,
                "Total energy consumption since boot (in mJ).", "nvidia_gpu_energy_joules_total",
                "nvmlDeviceGetTotalEnergyConsumption", GpuReading::energyJoules, MILLIJOULES_PER_JOULE));
        t.add(sample("DCGM_FI_DEV_PCIE_REPLAY_COUNTER", Type.COUNTER, "Total number of PCIe retries.",
                GpuFields.PCIE_REPLAYS, "nvmlDeviceGetFieldValues(NVML_FI_DEV_PCIE_REPLAY_COUNTER)"));
        t.add(field("DCGM_FI_DEV_GPU_UTIL", Type.GAUGE, "GPU utilization (in %).",
                "nvidia_gpu_utilization_ratio", "nvmlDeviceGetUtilizationRates (gpu)",
                GpuReading::utilizationGpuPercent, 1));
        t.add(field("DCGM_FI_DEV_MEM_COPY_UTIL", Type.GAUGE, "Memory utilization (in %).",
                "nvidia_gpu_memory_utilization_ratio", "nvmlDeviceGetUtilizationRates (memory)",
                GpuReading::utilizationMemoryPercent, 1));
        t.add(sample("DCGM_FI_DEV_ENC_UTIL", Type.GAUGE, "Encoder utilization (in %).", "encoder_utilization",
                "nvmlDeviceGetEncoderUtilization"));
        t.add(sample("DCGM_FI_DEV_DEC_UTIL", Type.GAUGE, "Decoder utilization (in %).", "decoder_utilization",
                "nvmlDeviceGetDecoderUtilization"));
        t.add(violation("DCGM_FI_DEV_POWER_VIOLATION", "power constraints", PerfPolicy.POWER));
        t.add(violation("DCGM_FI_DEV_THERMAL_VIOLATION", "thermal constraints", PerfPolicy.THERMAL));
        t.add(violation("DCGM_FI_DEV_SYNC_BOOST_VIOLATION", "sync-boost constraints", PerfPolicy.SYNC_BOOST));
        t.add(violation("DCGM_FI_DEV_BOARD_LIMIT_VIOLATION", "board limit constraints", PerfPolicy.BOARD_LIMIT));
        t.add(violation("DCGM_FI_DEV_LOW_UTIL_VIOLATION", "low utilization", PerfPolicy.LOW_UTILIZATION));
        t.add(violation("DCGM_FI_DEV_RELIABILITY_VIOLATION", "reliability constraints", PerfPolicy.RELIABILITY));
        t.add(memory("DCGM_FI_DEV_FB_FREE", "Framebuffer memory free (in MiB).", "free",
                GpuReading.Memory::freeBytes));
        t.add(memory("DCGM_FI_DEV_FB_USED", "Framebuffer memory used (in MiB).", "used",
                GpuReading.Memory::usedBytes));
        t.add(field("DCGM_FI_DEV_FB_RESERVED", Type.GAUGE, "Framebuffer memory reserved (in MiB).",
                "nvidia_gpu_memory_reserved_bytes", "nvmlDeviceGetMemoryInfo_v2",
                g -> g.memory().flatMap(GpuReading.Memory::reservedBytes), PER_MIB));
        t.add(ecc("DCGM_FI_DEV_ECC_SBE_VOL_TOTAL", "single-bit volatile", "corrected", "volatile"));
        t.add(ecc("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL", "double-bit volatile", "uncorrected", "volatile"));
        t.add(ecc("DCGM_FI_DEV_ECC_SBE_AGG_TOTAL", "single-bit persistent", "corrected", "aggregate"));
        t.add(ecc("DCGM_FI_DEV_ECC_DBE_AGG_TOTAL", "double-bit persistent", "uncorrected", "aggregate"));
        t.add(sample("DCGM_FI_DEV_RETIRED_SBE", Type.COUNTER, "Total number of retired pages due to single-bit errors.",
                "retired_pages.single_bit", "nvmlDeviceGetFieldValues(NVML_FI_DEV_RETIRED_SBE)"));
        t.add(sample("DCGM_FI_DEV_RETIRED_DBE", Type.COUNTER, "Total number of retired pages due to double-bit errors.",
                "retired_pages.double_bit", "nvmlDeviceGetFieldValues(NVML_FI_DEV_RETIRED_DBE)"));
        t.add(sample("DCGM_FI_DEV_RETIRED_PENDING", Type.COUNTER, "Total number of pages pending retirement.",
                GpuFields.RETIRED_PAGES_PENDING, "nvmlDeviceGetFieldValues(NVML_FI_DEV_RETIRED_PENDING)"));
        t.add(nvlinkErrors("DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL", "flow-control CRC errors", "crc_flit"));
        t.add(nvlinkErrors("DCGM_FI_DEV_NVLINK_CRC_DATA_ERROR_COUNT_TOTAL", "data CRC errors", "crc_data"));
        t.add(nvlinkErrors("DCGM_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL", "retries", "replay"));
        t.add(nvlinkErrors("DCGM_FI_DEV_NVLINK_RECOVERY_ERROR_COUNT_TOTAL", "recovery errors", "recovery"));
        t.add(new DcgmField("DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL", Type.COUNTER,
                "Total number of NVLink bandwidth counters for all lanes.",
                "nvidia_gpu_nvlink_tx_bytes_total + nvidia_gpu_nvlink_rx_bytes_total",
                "nvmlDeviceGetFieldValues(NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_TX/RX, every link)",
                DcgmFields::nvlinkKib, 1));
        t.add(field("DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS", Type.COUNTER,
                "Number of remapped rows for uncorrectable errors", "nvidia_gpu_remapped_rows_total{type=\"uncorrectable\"}",
                "nvmlDeviceGetRemappedRows", g -> g.remappedRows().map(RemappedRows::uncorrectable), 1));
        t.add(field("DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS", Type.COUNTER,
                "Number of remapped rows for correctable errors", "nvidia_gpu_remapped_rows_total{type=\"correctable\"}",
                "nvmlDeviceGetRemappedRows", g -> g.remappedRows().map(RemappedRows::correctable), 1));
        t.add(field("DCGM_FI_DEV_ROW_REMAP_FAILURE", Type.GAUGE, "Whether remapping of rows has failed",
                "nvidia_gpu_remapped_rows_failed", "nvmlDeviceGetRemappedRows",
                g -> g.remappedRows().map(r -> r.failed() ? 1 : 0), 1));
        t.add(new DcgmField("DCGM_FI_DEV_XID_ERRORS", Type.GAUGE, "Value of the last XID error encountered.",
                "nvidia_gpu_xid_errors_total{xid}", "nvmlEventSetWait (NVML_EVENT_TYPE_XID_CRITICAL_ERROR), /dev/kmsg",
                DcgmFields::onlyXid, 1));
        t.add(field("DCGM_FI_PROF_PCIE_TX_BYTES", Type.GAUGE,
                "The rate of data transmitted over the PCIe bus - including both protocol headers and data payloads"
                        + " - in bytes per second.", "nvidia_gpu_pcie_tx_bytes_per_second",
                "nvmlDeviceGetPcieThroughput(NVML_PCIE_UTIL_TX_BYTES)", g -> pcie(g, "tx"), KIB));
        t.add(field("DCGM_FI_PROF_PCIE_RX_BYTES", Type.GAUGE,
                "The rate of data received over the PCIe bus - including both protocol headers and data payloads"
                        + " - in bytes per second.", "nvidia_gpu_pcie_rx_bytes_per_second",
                "nvmlDeviceGetPcieThroughput(NVML_PCIE_UTIL_RX_BYTES)", g -> pcie(g, "rx"), KIB));
        t.add(profiling("DCGM_FI_PROF_GR_ENGINE_ACTIVE", "Ratio of time the graphics engine is active.",
                GpuFields.GRAPHICS_ACTIVE, "GRAPHICS_UTIL"));
        t.add(profiling("DCGM_FI_PROF_SM_ACTIVE", "The ratio of cycles an SM has at least 1 warp assigned.",
                GpuFields.SM_ACTIVE, "SM_UTIL"));
        t.add(profiling("DCGM_FI_PROF_SM_OCCUPANCY",
                "The ratio of number of warps resident on an SM to the maximum number of warps it can hold.",
                GpuFields.SM_OCCUPANCY, "SM_OCCUPANCY"));
        t.add(profiling("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", "Ratio of cycles the tensor (HMMA) pipe is active.",
                GpuFields.TENSOR_ACTIVE, "ANY_TENSOR_UTIL"));
        t.add(profiling("DCGM_FI_PROF_DRAM_ACTIVE",
                "Ratio of cycles the device memory interface is active sending or receiving data.",
                GpuFields.DRAM_ACTIVE, "DRAM_BW_UTIL"));
        t.add(profiling("DCGM_FI_PROF_PIPE_FP64_ACTIVE", "Ratio of cycles the fp64 pipes are active.",
                GpuFields.FP64_ACTIVE, "FP64_UTIL"));
        t.add(profiling("DCGM_FI_PROF_PIPE_FP32_ACTIVE", "Ratio of cycles the fp32 pipes are active.",
                GpuFields.FP32_ACTIVE, "FP32_UTIL"));
        t.add(profiling("DCGM_FI_PROF_PIPE_FP16_ACTIVE", "Ratio of cycles the fp16 pipes are active.",
                GpuFields.FP16_ACTIVE, "FP16_UTIL"));
        return Collections.unmodifiableList(t);
    }

    /**
     * A profiling field, from GPM on Hopper and newer: the table's value is already DCGM's unit (a
     * ratio, or bytes per second), and a GPU without GPM has no sample, so no series. A MIG GPU has
     * it per GPU instance.
     */
    private static DcgmField profiling(String name, String help, String key, String gpmMetric) {
        GpuField table = GpuFields.byKey(key).orElseThrow(() -> new IllegalStateException("no GPU field " + key));
        return new DcgmField(name, Type.GAUGE, help, table.prometheusName() + labelText(table),
                "nvmlGpmMetricsGet(NVML_GPM_METRIC_" + gpmMetric + ")",
                g -> g.reading().samples(key).stream().findFirst().map(FieldSample::value), 1,
                Optional.of(gi -> gi.value(key)));
    }

    /** A frame-buffer field: per GPU instance on a MIG GPU, whose memory its instances hold. */
    private static DcgmField memory(String name, String help, String kind,
                                    Function<GpuReading.Memory, Long> value) {
        return new DcgmField(name, Type.GAUGE, help, "nvidia_gpu_memory_" + kind + "_bytes, per MIG instance"
                + " nvidia_gpu_mig_memory_" + kind + "_bytes", "nvmlDeviceGetMemoryInfo_v2",
                g -> g.reading().memory().map(value), PER_MIB, Optional.of(gi -> gi.memory().map(value)));
    }

    /**
     * A field of the NVML field table, in NVML's own unit (which is DCGM's for these): the table
     * keeps base units, so its scale is undone, and the NVML value, an integer, is restored exactly.
     */
    private static DcgmField sample(String name, Type type, String help, String key, String nvml) {
        GpuField table = GpuFields.byKey(key).orElseThrow(() -> new IllegalStateException("no GPU field " + key));
        return new DcgmField(name, type, help, table.prometheusName() + labelText(table), nvml,
                g -> g.reading().samples(key).stream().findFirst()
                        .map(s -> Math.rint(s.value() / table.scale())), 1);
    }

    private static String labelText(GpuField field) {
        return field.labels().isEmpty() ? "" : field.labels().entrySet().stream()
                .map(e -> e.getKey() + "=\"" + e.getValue() + "\"").collect(Collectors.joining(",", "{", "}"));
    }

    private static DcgmField violation(String name, String cause, PerfPolicy policy) {
        return sample(name, Type.COUNTER, "Throttling duration due to " + cause + " (in ns).",
                "clock_violation." + policy.name().toLowerCase(Locale.ROOT),
                "nvmlDeviceGetViolationStatus(NVML_PERF_POLICY_" + policy.name() + ")");
    }

    private static DcgmField nvlinkErrors(String name, String what, String type) {
        return sample(name, Type.COUNTER, "Total number of NVLink " + what + ".", GpuFields.NVLINK_ERRORS + type,
                "nvmlDeviceGetFieldValues(" + name.replace("DCGM_FI_", "NVML_FI_") + ")");
    }

    /** The data the GPU sent and received over all its links, in KiB (NVML's unit). */
    private static Optional<Double> nvlinkKib(DcgmGpu gpu) {
        List<FieldSample> samples = Stream.of(GpuFields.NVLINK_TX, GpuFields.NVLINK_RX)
                .flatMap(key -> gpu.reading().samples(key).stream())
                .toList();
        if (samples.isEmpty()) {
            return Optional.empty();
        }
        double scale = GpuFields.byKey(GpuFields.NVLINK_TX).orElseThrow().scale();
        return Optional.of(samples.stream().mapToDouble(s -> Math.rint(s.value() / scale)).sum());
    }

    /** A field read from the GPU's reading. */
    private static DcgmField field(String name, Type type, String help, String series, String nvml,
                                   Function<GpuReading, Optional<? extends Number>> source, double scale) {
        return new DcgmField(name, type, help, series, nvml, g -> source.apply(g.reading()), scale);
    }

    /**
     * DCGM's last Xid: 0 while none was seen, the Xid when only one kind was; with several kinds
     * the counts do not say which came last, so there is no value rather than a guess.
     */
    private static Optional<Integer> onlyXid(DcgmGpu gpu) {
        List<Integer> kinds = gpu.xids().stream().map(XidCount::xid).distinct().toList();
        return kinds.size() > 1 ? Optional.empty() : Optional.of(kinds.isEmpty() ? 0 : kinds.get(0));
    }

    /** The field of this name. */
    public static Optional<DcgmField> byName(String name) {
        return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    private static DcgmField ecc(String name, String what, String kind, String counter) {
        return field(name, Type.COUNTER, "Total number of " + what + " ECC errors.",
                "nvidia_gpu_ecc_errors_" + counter + "_total{type=\"" + kind + "\"}",
                "nvmlDeviceGetTotalEccErrors", value(g -> g.eccErrors(), kind + "." + counter), 1);
    }

    private static Optional<Integer> clock(GpuReading gpu, String domain) {
        return Optional.ofNullable(gpu.clocksMhz().get(domain));
    }

    private static Optional<Integer> pcie(GpuReading gpu, String direction) {
        return Optional.ofNullable(gpu.pcieKilobytesPerSecond().get(direction));
    }

    private static Function<GpuReading, Optional<? extends Number>> value(
            Function<GpuReading, Map<String, Long>> map, String key) {
        return g -> Optional.ofNullable(map.apply(g).get(key));
    }
}
