package io.gpudoctor.agent.metrics.dcgm;

import io.gpudoctor.agent.collect.XidCount;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.metrics.dcgm.DcgmField.Type;
import io.gpudoctor.nvml.RemappedRows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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
        t.add(field("DCGM_FI_DEV_GPU_TEMP", Type.GAUGE, "GPU temperature (in C).",
                "nvidia_gpu_temperature_celsius", "nvmlDeviceGetTemperature(NVML_TEMPERATURE_GPU)",
                GpuReading::temperatureCelsius, 1));
        t.add(field("DCGM_FI_DEV_POWER_USAGE", Type.GAUGE, "Power draw (in W).",
                "nvidia_gpu_power_usage_watts", "nvmlDeviceGetPowerUsage", GpuReading::powerUsageWatts, 1));
        t.add(field("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", Type.COUNTER,
                "Total energy consumption since boot (in mJ).", "nvidia_gpu_energy_joules_total",
                "nvmlDeviceGetTotalEnergyConsumption", GpuReading::energyJoules, MILLIJOULES_PER_JOULE));
        t.add(field("DCGM_FI_DEV_GPU_UTIL", Type.GAUGE, "GPU utilization (in %).",
                "nvidia_gpu_utilization_ratio", "nvmlDeviceGetUtilizationRates (gpu)",
                GpuReading::utilizationGpuPercent, 1));
        t.add(field("DCGM_FI_DEV_MEM_COPY_UTIL", Type.GAUGE, "Memory utilization (in %).",
                "nvidia_gpu_memory_utilization_ratio", "nvmlDeviceGetUtilizationRates (memory)",
                GpuReading::utilizationMemoryPercent, 1));
        t.add(field("DCGM_FI_DEV_FB_FREE", Type.GAUGE, "Framebuffer memory free (in MiB).",
                "nvidia_gpu_memory_free_bytes", "nvmlDeviceGetMemoryInfo_v2",
                g -> g.memory().map(GpuReading.Memory::freeBytes), PER_MIB));
        t.add(field("DCGM_FI_DEV_FB_USED", Type.GAUGE, "Framebuffer memory used (in MiB).",
                "nvidia_gpu_memory_used_bytes", "nvmlDeviceGetMemoryInfo_v2",
                g -> g.memory().map(GpuReading.Memory::usedBytes), PER_MIB));
        t.add(field("DCGM_FI_DEV_FB_RESERVED", Type.GAUGE, "Framebuffer memory reserved (in MiB).",
                "nvidia_gpu_memory_reserved_bytes", "nvmlDeviceGetMemoryInfo_v2",
                g -> g.memory().flatMap(GpuReading.Memory::reservedBytes), PER_MIB));
        t.add(ecc("DCGM_FI_DEV_ECC_SBE_VOL_TOTAL", "single-bit volatile", "corrected", "volatile"));
        t.add(ecc("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL", "double-bit volatile", "uncorrected", "volatile"));
        t.add(ecc("DCGM_FI_DEV_ECC_SBE_AGG_TOTAL", "single-bit persistent", "corrected", "aggregate"));
        t.add(ecc("DCGM_FI_DEV_ECC_DBE_AGG_TOTAL", "double-bit persistent", "uncorrected", "aggregate"));
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
        return Collections.unmodifiableList(t);
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
