package io.gpudoctor.nvml;

/**
 * The {@code NVML_FI_*} ids of nvml.h that gpu-doctor asks {@code nvmlDeviceGetFieldValues} for,
 * with nvml.h's numbers. Ids are stable across driver releases; a driver older than a field
 * answers {@code NVML_ERROR_NOT_SUPPORTED} (or {@code INVALID_ARGUMENT}) for it.
 */
public final class NvmlFieldIds {

    /** Pages retired because of single-bit ECC errors (pre-Ampere page retirement). */
    public static final int NVML_FI_DEV_RETIRED_SBE = 29;
    /** Pages retired because of double-bit ECC errors. */
    public static final int NVML_FI_DEV_RETIRED_DBE = 30;
    /** 1 if any page waits for retirement, which needs a GPU reset or reboot. */
    public static final int NVML_FI_DEV_RETIRED_PENDING = 31;
    /** NVLink flow-control CRC errors, all lanes. */
    public static final int NVML_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL = 38;
    /** NVLink data CRC errors, all lanes. */
    public static final int NVML_FI_DEV_NVLINK_CRC_DATA_ERROR_COUNT_TOTAL = 45;
    /** NVLink replay errors, all lanes. */
    public static final int NVML_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL = 52;
    /** NVLink recovery errors, all lanes. */
    public static final int NVML_FI_DEV_NVLINK_RECOVERY_ERROR_COUNT_TOTAL = 59;
    /** HBM temperature in °C. */
    public static final int NVML_FI_DEV_MEMORY_TEMP = 82;
    /** Energy in mJ since the driver was loaded. */
    public static final int NVML_FI_DEV_TOTAL_ENERGY_CONSUMPTION = 83;
    /** How many NVLinks the GPU has. */
    public static final int NVML_FI_DEV_NVLINK_LINK_COUNT = 91;
    /** PCIe replays (link-level retransmissions). */
    public static final int NVML_FI_DEV_PCIE_REPLAY_COUNTER = 94;
    /** NVLink data sent, KiB since the driver loaded; the scope is the link. */
    public static final int NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_TX = 138;
    /** NVLink data received, KiB since the driver loaded; the scope is the link. */
    public static final int NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_RX = 139;

    private NvmlFieldIds() {
    }
}
