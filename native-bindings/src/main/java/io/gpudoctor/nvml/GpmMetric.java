package io.gpudoctor.nvml;

/**
 * The GPU Performance Monitoring metrics gpu-doctor asks {@code nvmlGpmMetricsGet} for, with their
 * {@code nvmlGpmMetricId_t} values from nvml.h. The {@code _UTIL} ones are percentages (0-100) of
 * the time between two samples, the {@code _PER_SEC} ones MiB per second over it.
 */
public enum GpmMetric {
    GRAPHICS_UTIL(1),
    SM_UTIL(2),
    SM_OCCUPANCY(3),
    ANY_TENSOR_UTIL(5),
    DRAM_BW_UTIL(10),
    FP64_UTIL(11),
    FP32_UTIL(12),
    FP16_UTIL(13),
    PCIE_TX_PER_SEC(20),
    PCIE_RX_PER_SEC(21),
    NVLINK_TOTAL_RX_PER_SEC(60),
    NVLINK_TOTAL_TX_PER_SEC(61);

    private final int id;

    GpmMetric(int id) {
        this.id = id;
    }

    /** The {@code NVML_GPM_METRIC_*} value. */
    public int id() {
        return id;
    }

    /** The C name, e.g. {@code NVML_GPM_METRIC_SM_UTIL}. */
    public String cName() {
        return "NVML_GPM_METRIC_" + name();
    }
}
