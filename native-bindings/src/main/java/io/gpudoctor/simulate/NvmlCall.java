package io.gpudoctor.simulate;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The calls of the {@link io.gpudoctor.nvml.Nvml} facade a fault can target, by facade method name,
 * with the C function a real driver would have failed in (which {@link io.gpudoctor.nvml.NvmlException}
 * reports). {@link #XID_EVENTS} covers both registering for events and each wait on them.
 */
public enum NvmlCall {
    INIT("init", "nvmlInit_v2", false),
    SHUTDOWN("shutdown", "nvmlShutdown", false),
    DRIVER_VERSION("driverVersion", "nvmlSystemGetDriverVersion", false),
    NVML_VERSION("nvmlVersion", "nvmlSystemGetNVMLVersion", false),
    CUDA_DRIVER_VERSION("cudaDriverVersion", "nvmlSystemGetCudaDriverVersion_v2", false),
    DEVICE_COUNT("deviceCount", "nvmlDeviceGetCount_v2", false),
    INDEX_OF_UUID("indexOfUuid", "nvmlDeviceGetHandleByUUID", true),
    INDEX_OF_PCI_BUS_ID("indexOfPciBusId", "nvmlDeviceGetHandleByPciBusId_v2", true),
    NAME("name", "nvmlDeviceGetName", true),
    UUID("uuid", "nvmlDeviceGetUUID", true),
    SERIAL("serial", "nvmlDeviceGetSerial", true),
    BRAND("brand", "nvmlDeviceGetBrand", true),
    ARCHITECTURE("architecture", "nvmlDeviceGetArchitecture", true),
    MINOR_NUMBER("minorNumber", "nvmlDeviceGetMinorNumber", true),
    PCI_INFO("pciInfo", "nvmlDeviceGetPciInfo_v3", true),
    COMPUTE_CAPABILITY("computeCapability", "nvmlDeviceGetCudaComputeCapability", true),
    MEMORY_INFO("memoryInfo", "nvmlDeviceGetMemoryInfo_v2", true),
    UTILIZATION("utilization", "nvmlDeviceGetUtilizationRates", true),
    TEMPERATURE("temperatureCelsius", "nvmlDeviceGetTemperature", true),
    POWER_USAGE("powerUsageMilliwatts", "nvmlDeviceGetPowerUsage", true),
    POWER_LIMIT("powerLimitMilliwatts", "nvmlDeviceGetEnforcedPowerLimit", true),
    TOTAL_ENERGY("totalEnergyMillijoules", "nvmlDeviceGetTotalEnergyConsumption", true),
    CLOCK("clockMhz", "nvmlDeviceGetClockInfo", true),
    FAN_SPEED("fanSpeedPercent", "nvmlDeviceGetFanSpeed", true),
    PCIE_THROUGHPUT("pcieThroughputKilobytesPerSecond", "nvmlDeviceGetPcieThroughput", true),
    ECC_ERRORS("eccErrors", "nvmlDeviceGetTotalEccErrors", true),
    REMAPPED_ROWS("remappedRows", "nvmlDeviceGetRemappedRows", true),
    CLOCK_EVENT_REASONS("clockEventReasons", "nvmlDeviceGetCurrentClocksEventReasons", true),
    PERSISTENCE_MODE("persistenceMode", "nvmlDeviceGetPersistenceMode", true),
    COMPUTE_MODE("computeMode", "nvmlDeviceGetComputeMode", true),
    MIG_MODE("migMode", "nvmlDeviceGetMigMode", true),
    MAX_MIG_DEVICE_COUNT("maxMigDeviceCount", "nvmlDeviceGetMaxMigDeviceCount", true),
    MIG_DEVICE("migDevice", "nvmlDeviceGetMigDeviceHandleByIndex", true),
    MIG_MEMORY_INFO("migMemoryInfo", "nvmlDeviceGetMemoryInfo", true),
    FIELD_VALUES("fieldValues", "nvmlDeviceGetFieldValues", true),
    PCIE_LINK("pcieLink", "nvmlDeviceGetCurrPcieLinkGeneration", true),
    CODEC_UTILIZATION("codecUtilizationPercent", "nvmlDeviceGetEncoderUtilization", true),
    VIOLATION_STATUS("violationNanoseconds", "nvmlDeviceGetViolationStatus", true),
    NVLINK_STATE("nvlinkActive", "nvmlDeviceGetNvLinkState", true),
    COMPUTE_PROCESSES("computeProcesses", "nvmlDeviceGetComputeRunningProcesses_v3", true),
    GRAPHICS_PROCESSES("graphicsProcesses", "nvmlDeviceGetGraphicsRunningProcesses_v3", true),
    XID_EVENTS("xidEvents", "nvmlEventSetWait_v2", false),
    PROCESS_UTILIZATION("processUtilization", "nvmlDeviceGetProcessUtilization", true),
    GPM_SUPPORTED("gpmSupported", "nvmlGpmQueryDeviceSupport", true),
    GPM_SAMPLE_ALLOC("gpmSampleAlloc", "nvmlGpmSampleAlloc", false),
    GPM_SAMPLE_GET("gpmSampleGet", "nvmlGpmSampleGet", true),
    GPM_MIG_SAMPLE_GET("gpmMigSampleGet", "nvmlGpmMigSampleGet", true),
    GPM_METRICS("gpmMetrics", "nvmlGpmMetricsGet", false);

    private final String methodName;
    private final String cName;
    private final boolean perGpu;

    NvmlCall(String methodName, String cName, boolean perGpu) {
        this.methodName = methodName;
        this.cName = cName;
        this.perGpu = perGpu;
    }

    /** The facade method, such as {@code memoryInfo}. */
    public String methodName() {
        return methodName;
    }

    /** The NVML function, such as {@code nvmlDeviceGetMemoryInfo_v2}. */
    public String cName() {
        return cName;
    }

    /** Whether the call is about one GPU, so that a fault on one GPU can reach it. */
    public boolean perGpu() {
        return perGpu;
    }

    public static Optional<NvmlCall> byMethodName(String name) {
        return Arrays.stream(values()).filter(c -> c.methodName.equals(name)).findFirst();
    }

    /** Every facade method name, for messages that list what a fault may target. */
    public static List<String> methodNames() {
        return Arrays.stream(values()).map(NvmlCall::methodName).toList();
    }
}
