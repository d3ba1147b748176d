package io.gpudoctor.agent.gpus.fields;

import io.gpudoctor.agent.gpus.fields.FieldSource.DeviceCall;
import io.gpudoctor.agent.gpus.fields.FieldSource.FieldId;
import io.gpudoctor.agent.gpus.fields.FieldSource.Gpm;
import io.gpudoctor.agent.gpus.fields.FieldSource.LinkCall;
import io.gpudoctor.agent.gpus.fields.FieldSource.LinkFieldId;
import io.gpudoctor.agent.gpus.fields.GpuField.Kind;
import io.gpudoctor.nvml.Codec;
import io.gpudoctor.nvml.GpmMetric;
import io.gpudoctor.nvml.NvmlFieldIds;
import io.gpudoctor.nvml.PcieLinkQuery;
import io.gpudoctor.nvml.PerfPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The table of NVML fields gpu-doctor reads through {@link GpuField}s: adding a value NVML can
 * give is one entry here (and, for a call the bindings lack, one method on {@code Nvml}).
 */
public final class GpuFields {

    public static final String MEMORY_TEMPERATURE = "memory_temperature";
    public static final String PCIE_REPLAYS = "pcie_replays";
    public static final String PCIE_GENERATION = "pcie_link.generation";
    public static final String PCIE_MAX_GENERATION = "pcie_link.max_generation";
    public static final String PCIE_WIDTH = "pcie_link.width";
    public static final String PCIE_MAX_WIDTH = "pcie_link.max_width";
    public static final String NVLINK_UP = "nvlink.up";
    public static final String NVLINK_TX = "nvlink.tx";
    public static final String NVLINK_RX = "nvlink.rx";
    /** The prefix of the four NVLink error counters' keys; the {@code type} label follows it. */
    public static final String NVLINK_ERRORS = "nvlink_errors.";
    public static final String RETIRED_PAGES_PENDING = "retired_pages.pending";
    public static final String GRAPHICS_ACTIVE = "gpm.graphics_active";
    public static final String SM_ACTIVE = "gpm.sm_active";
    public static final String SM_OCCUPANCY = "gpm.sm_occupancy";
    public static final String TENSOR_ACTIVE = "gpm.tensor_active";
    public static final String DRAM_ACTIVE = "gpm.dram_active";
    public static final String FP64_ACTIVE = "gpm.fp64_active";
    public static final String FP32_ACTIVE = "gpm.fp32_active";
    public static final String FP16_ACTIVE = "gpm.fp16_active";
    public static final String PCIE_TX_AVERAGE = "gpm.pcie_tx";
    public static final String PCIE_RX_AVERAGE = "gpm.pcie_rx";
    public static final String NVLINK_TX_RATE = "gpm.nvlink_tx";
    public static final String NVLINK_RX_RATE = "gpm.nvlink_rx";

    private static final String CELSIUS = "celsius";
    private static final String BYTES = "bytes";
    private static final String SECONDS = "seconds";
    private static final String RATIO = "ratio";
    private static final String COUNT = "";
    private static final double KIB = 1024;
    private static final double PERCENT = 0.01;
    private static final double NANOSECOND = 1e-9;
    private static final double MIB = 1 << 20;
    private static final String BYTES_PER_SECOND = "bytes_per_second";
    private static final String SINCE_LAST = " over the last collection interval (GPM, Hopper and newer).";

    /** Every field, in the order they are read. */
    public static final List<GpuField> ALL = table();

    private GpuFields() {
    }

    /** The field with this key. */
    public static Optional<GpuField> byKey(String key) {
        return ALL.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    private static List<GpuField> table() {
        List<GpuField> t = new ArrayList<>();
        t.add(new GpuField(MEMORY_TEMPERATURE, "nvidia.gpu.memory.temperature", Map.of(),
                new FieldId(NvmlFieldIds.NVML_FI_DEV_MEMORY_TEMP), CELSIUS, Kind.GAUGE, "°C", 1,
                "Memory (HBM) temperature."));
        t.add(new GpuField(PCIE_REPLAYS, "nvidia.gpu.pcie.replays", Map.of(),
                new FieldId(NvmlFieldIds.NVML_FI_DEV_PCIE_REPLAY_COUNTER), COUNT, Kind.COUNTER, "count", 1,
                "PCIe replays (link-level retransmissions after a transfer error) since the driver loaded."));
        t.add(pcie(PCIE_GENERATION, "nvidia.gpu.pcie.link.generation", PcieLinkQuery.CURRENT_GENERATION,
                "PCIe generation the link runs at now; an idle GPU may drop to a lower one to save power."));
        t.add(pcie(PCIE_MAX_GENERATION, "nvidia.gpu.pcie.link.max.generation", PcieLinkQuery.MAX_GENERATION,
                "Highest PCIe generation the GPU and its slot support."));
        t.add(pcie(PCIE_WIDTH, "nvidia.gpu.pcie.link.width", PcieLinkQuery.CURRENT_WIDTH,
                "PCIe lanes the link runs with now."));
        t.add(pcie(PCIE_MAX_WIDTH, "nvidia.gpu.pcie.link.max.width", PcieLinkQuery.MAX_WIDTH,
                "Most PCIe lanes the GPU and its slot support."));
        for (Codec codec : Codec.values()) {
            String name = lower(codec);
            t.add(new GpuField(name + "_utilization", "nvidia.gpu." + name + ".utilization", Map.of(),
                    new DeviceCall(codec.call(), (nvml, gpu) -> real(nvml.codecUtilizationPercent(gpu, codec))),
                    RATIO, Kind.GAUGE, "%", PERCENT,
                    "Fraction of NVML's last sample period in which the video " + name + " was busy."));
        }
        for (PerfPolicy policy : PerfPolicy.values()) {
            t.add(new GpuField("clock_violation." + lower(policy), "nvidia.gpu.clock.violation",
                    Map.of("policy", lower(policy)),
                    new DeviceCall("nvmlDeviceGetViolationStatus",
                            (nvml, gpu) -> real(nvml.violationNanoseconds(gpu, policy))),
                    SECONDS, Kind.COUNTER, "ns", NANOSECOND,
                    "Time this policy held the clocks below the application (total_base_clocks: base) clocks"
                            + " since the driver loaded."));
        }
        t.add(new GpuField(NVLINK_UP, "nvidia.gpu.nvlink.up", Map.of(),
                new LinkCall("nvmlDeviceGetNvLinkState", (nvml, gpu, link) -> nvml.nvlinkActive(gpu, link)
                        .map(active -> OptionalDouble.of(active ? 1 : 0)).orElse(OptionalDouble.empty())),
                COUNT, Kind.GAUGE, "state", 1, "Whether the NVLink is active (1) or down (0)."));
        t.add(new GpuField(NVLINK_TX, "nvidia.gpu.nvlink.tx", Map.of(),
                new LinkFieldId(NvmlFieldIds.NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_TX, true), BYTES, Kind.COUNTER, "KiB",
                KIB, "Data the GPU sent over all its NVLinks since the driver loaded (payload, without protocol"
                        + " overhead)."));
        t.add(new GpuField(NVLINK_RX, "nvidia.gpu.nvlink.rx", Map.of(),
                new LinkFieldId(NvmlFieldIds.NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_RX, true), BYTES, Kind.COUNTER, "KiB",
                KIB, "Data the GPU received over all its NVLinks since the driver loaded (payload, without protocol"
                        + " overhead)."));
        t.add(nvlinkErrors("crc_flit", NvmlFieldIds.NVML_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL));
        t.add(nvlinkErrors("crc_data", NvmlFieldIds.NVML_FI_DEV_NVLINK_CRC_DATA_ERROR_COUNT_TOTAL));
        t.add(nvlinkErrors("replay", NvmlFieldIds.NVML_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL));
        t.add(nvlinkErrors("recovery", NvmlFieldIds.NVML_FI_DEV_NVLINK_RECOVERY_ERROR_COUNT_TOTAL));
        t.add(retired("single_bit", NvmlFieldIds.NVML_FI_DEV_RETIRED_SBE));
        t.add(retired("double_bit", NvmlFieldIds.NVML_FI_DEV_RETIRED_DBE));
        t.add(new GpuField(RETIRED_PAGES_PENDING, "nvidia.gpu.retired.pages.pending", Map.of(),
                new FieldId(NvmlFieldIds.NVML_FI_DEV_RETIRED_PENDING), COUNT, Kind.GAUGE, "state", 1,
                "Whether a memory page waits to be retired at the next GPU reset (1) or not (0)."));
        t.add(gpmRatio(GRAPHICS_ACTIVE, "nvidia.gpu.graphics.active", GpmMetric.GRAPHICS_UTIL,
                "Fraction of time any graphics or compute engine was active"));
        t.add(gpmRatio(SM_ACTIVE, "nvidia.gpu.sm.active", GpmMetric.SM_UTIL,
                "Fraction of time at least one warp was active on an SM, averaged over the SMs,"));
        t.add(gpmRatio(SM_OCCUPANCY, "nvidia.gpu.sm.occupancy", GpmMetric.SM_OCCUPANCY,
                "Warps resident on the SMs as a fraction of the most they can hold, averaged"));
        t.add(gpmRatio(TENSOR_ACTIVE, "nvidia.gpu.tensor.active", GpmMetric.ANY_TENSOR_UTIL,
                "Fraction of time the SMs ran any tensor core operation"));
        t.add(gpmRatio(DRAM_ACTIVE, "nvidia.gpu.dram.active", GpmMetric.DRAM_BW_UTIL,
                "Device memory bandwidth used as a fraction of the theoretical maximum"));
        t.add(gpmRatio(FP64_ACTIVE, "nvidia.gpu.fp64.active", GpmMetric.FP64_UTIL,
                "Fraction of time the SMs ran non-tensor FP64 math"));
        t.add(gpmRatio(FP32_ACTIVE, "nvidia.gpu.fp32.active", GpmMetric.FP32_UTIL,
                "Fraction of time the SMs ran non-tensor FP32 math"));
        t.add(gpmRatio(FP16_ACTIVE, "nvidia.gpu.fp16.active", GpmMetric.FP16_UTIL,
                "Fraction of time the SMs ran non-tensor FP16 math"));
        // nvidia_gpu_pcie_{tx,rx}_bytes_per_second is nvmlDeviceGetPcieThroughput's 20 ms peek, and
        // nvidia.gpu.nvlink.{tx,rx} the byte counters: these are averages over the interval.
        t.add(gpmRate(PCIE_TX_AVERAGE, "nvidia.gpu.pcie.tx.average", GpmMetric.PCIE_TX_PER_SEC,
                "PCIe traffic from the GPU, in bytes per second averaged"));
        t.add(gpmRate(PCIE_RX_AVERAGE, "nvidia.gpu.pcie.rx.average", GpmMetric.PCIE_RX_PER_SEC,
                "PCIe traffic to the GPU, in bytes per second averaged"));
        t.add(gpmRate(NVLINK_TX_RATE, "nvidia.gpu.nvlink.tx.average", GpmMetric.NVLINK_TOTAL_TX_PER_SEC,
                "NVLink traffic from the GPU over all its links, in bytes per second averaged"));
        t.add(gpmRate(NVLINK_RX_RATE, "nvidia.gpu.nvlink.rx.average", GpmMetric.NVLINK_TOTAL_RX_PER_SEC,
                "NVLink traffic to the GPU over all its links, in bytes per second averaged"));
        return Collections.unmodifiableList(t);
    }

    private static GpuField pcie(String key, String metric, PcieLinkQuery query, String help) {
        return new GpuField(key, metric, Map.of(),
                new DeviceCall(query.call(), (nvml, gpu) -> real(nvml.pcieLink(gpu, query))),
                COUNT, Kind.GAUGE, query.name().endsWith("WIDTH") ? "lanes" : "generation", 1, help);
    }

    private static GpuField nvlinkErrors(String type, int fieldId) {
        return new GpuField(NVLINK_ERRORS + type, "nvidia.gpu.nvlink.errors", Map.of("type", type),
                new FieldId(fieldId), COUNT, Kind.COUNTER, "count", 1,
                "NVLink errors over all the GPU's links since the driver loaded, by type (crc_flit, crc_data,"
                        + " replay, recovery).");
    }

    private static GpuField retired(String cause, int fieldId) {
        return new GpuField("retired_pages." + cause, "nvidia.gpu.retired.pages", Map.of("cause", cause),
                new FieldId(fieldId), COUNT, Kind.GAUGE, "pages", 1,
                "Memory pages retired for ECC errors over the board's life, by cause (pre-Ampere boards).");
    }

    private static GpuField gpmRatio(String key, String metric, GpmMetric source, String help) {
        return new GpuField(key, metric, Map.of(), new Gpm(source), RATIO, Kind.GAUGE, "%", PERCENT,
                help + SINCE_LAST);
    }

    private static GpuField gpmRate(String key, String metric, GpmMetric source, String help) {
        return new GpuField(key, metric, Map.of(), new Gpm(source), BYTES_PER_SECOND, Kind.GAUGE, "MiB/s", MIB,
                help + SINCE_LAST);
    }

    private static OptionalDouble real(OptionalInt value) {
        return value.isPresent() ? OptionalDouble.of(value.getAsInt()) : OptionalDouble.empty();
    }

    private static OptionalDouble real(OptionalLong value) {
        return value.isPresent() ? OptionalDouble.of(value.getAsLong()) : OptionalDouble.empty();
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
