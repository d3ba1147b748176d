package io.gpudoctor.nvml;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The NVIDIA Management Library, one method per NVML call, so that a caller can put a deadline on
 * each call. GPUs are named by their NVML index.
 *
 * <p>Every method throws {@link NvmlException} when NVML returns an error, except
 * {@code NVML_ERROR_NOT_SUPPORTED} on a per-GPU metric, which is an empty Optional: "this GPU has
 * no such metric" is a fact, not a failure.
 */
public interface Nvml extends AutoCloseable {

    /** {@code nvmlInit_v2}. */
    void init();

    /** {@code nvmlShutdown}. */
    void shutdown();

    /** {@code nvmlSystemGetDriverVersion}, e.g. {@code 535.161.07}. */
    String driverVersion();

    /** {@code nvmlSystemGetNVMLVersion}, e.g. {@code 12.535.161.07}. */
    String nvmlVersion();

    /** {@code nvmlSystemGetCudaDriverVersion_v2}, e.g. 12020 for CUDA 12.2. */
    int cudaDriverVersion();

    /** {@code nvmlDeviceGetCount_v2}. */
    int deviceCount();

    /** The index of the GPU with this UUID ({@code nvmlDeviceGetHandleByUUID}, {@code nvmlDeviceGetIndex}). */
    int indexOfUuid(String uuid);

    /** The index of the GPU at this PCI bus id ({@code nvmlDeviceGetHandleByPciBusId_v2}). */
    int indexOfPciBusId(String pciBusId);

    String name(int gpu);

    String uuid(int gpu);

    Optional<String> serial(int gpu);

    Optional<GpuBrand> brand(int gpu);

    Optional<GpuArchitecture> architecture(int gpu);

    /** The N of {@code /dev/nvidiaN}. */
    OptionalInt minorNumber(int gpu);

    PciInfo pciInfo(int gpu);

    Optional<ComputeCapability> computeCapability(int gpu);

    /** {@code nvmlDeviceGetMemoryInfo_v2}, or v1 where the driver lacks v2. */
    MemoryInfo memoryInfo(int gpu);

    Optional<Utilization> utilization(int gpu);

    /** GPU core temperature in °C. */
    OptionalInt temperatureCelsius(int gpu);

    OptionalInt powerUsageMilliwatts(int gpu);

    /** {@code nvmlDeviceGetEnforcedPowerLimit}. */
    OptionalInt powerLimitMilliwatts(int gpu);

    /** Energy since the driver was last loaded. */
    OptionalLong totalEnergyMillijoules(int gpu);

    OptionalInt clockMhz(int gpu, ClockType clock);

    OptionalInt fanSpeedPercent(int gpu);

    /** {@code nvmlDeviceGetPcieThroughput}, in KB/s over the last 20 ms. */
    OptionalInt pcieThroughputKilobytesPerSecond(int gpu, PcieDirection direction);

    /** {@code nvmlDeviceGetTotalEccErrors}; empty where ECC is unsupported or disabled. */
    OptionalLong eccErrors(int gpu, EccErrorType type, EccCounterType counter);

    Optional<RemappedRows> remappedRows(int gpu);

    /** The bitmask of {@link ClockEventReason}s now active. */
    OptionalLong clockEventReasons(int gpu);

    Optional<Boolean> persistenceMode(int gpu);

    Optional<ComputeMode> computeMode(int gpu);

    Optional<MigMode> migMode(int gpu);

    /**
     * {@code nvmlDeviceGetFieldValues}: one answer per request, in order, each with its own status,
     * so a field this GPU lacks is a failed answer and not an exception. Empty when the GPU does not
     * support the call at all.
     */
    List<FieldValue> fieldValues(int gpu, List<FieldRequest> requests);

    /** The PCIe link's current or maximum generation or width. */
    OptionalInt pcieLink(int gpu, PcieLinkQuery query);

    /** {@code nvmlDeviceGet{Encoder,Decoder}Utilization}, in percent over NVML's sampling period. */
    OptionalInt codecUtilizationPercent(int gpu, Codec codec);

    /** {@code nvmlDeviceGetViolationStatus}: nanoseconds this policy held the clocks down since the driver loaded. */
    OptionalLong violationNanoseconds(int gpu, PerfPolicy policy);

    /** {@code nvmlDeviceGetNvLinkState} of one link (0 to the GPU's link count - 1): active or not. */
    Optional<Boolean> nvlinkActive(int gpu, int link);

    /** Compute processes (v3, v2 or v1 call, whichever the driver has). */
    List<GpuProcess> computeProcesses(int gpu);

    /** Graphics processes (v3, v2 or v1 call, whichever the driver has). */
    List<GpuProcess> graphicsProcesses(int gpu);

    /**
     * {@code nvmlDeviceGetMaxMigDeviceCount}: how many MIG devices the GPU could hold now; 0 where MIG
     * is off or the GPU has no MIG.
     */
    int maxMigDeviceCount(int gpu);

    /**
     * The MIG device at {@code index} under GPU {@code gpu} ({@code nvmlDeviceGetMigDeviceHandleByIndex},
     * then its instance ids, UUID and name); empty where that index holds none ({@code NOT_FOUND}).
     */
    Optional<MigDevice> migDevice(int gpu, int index);

    /**
     * {@code nvmlDeviceGetMemoryInfo} of the MIG device at {@code index}: its GPU instance's memory,
     * which the instance's compute instances share.
     */
    MemoryInfo migMemoryInfo(int gpu, int index);

    /** Registers every GPU that supports it for Xid (critical error) events. */
    XidEventStream xidEvents();

    /** Shuts NVML down if it was initialised; never throws. */
    @Override
    void close();

    /**
     * {@code nvmlDeviceGetProcessUtilization}: per process that used the GPU, its engines' utilization
     * in samples newer than {@code lastSeenTimestampMicros} (0: every sample the driver keeps). Empty
     * when no process used the GPU since then, and where the GPU cannot tell (MIG mode, older GPUs).
     */
    List<ProcessUtilizationSample> processUtilization(int gpu, long lastSeenTimestampMicros);

    // GPU Performance Monitoring (Hopper and newer): two samples of one GPU, compared.

    /**
     * {@code nvmlGpmQueryDeviceSupport}: whether the GPU has GPM; false where it answers
     * {@code NVML_ERROR_NOT_SUPPORTED} or the driver predates GPM (no such call).
     */
    boolean gpmSupported(int gpu);

    /** {@code nvmlGpmSampleAlloc}: an empty sample, to be freed with {@link #gpmSampleFree}. */
    GpmSample gpmSampleAlloc();

    /** {@code nvmlGpmSampleGet}: fills the sample with the GPU's counters now. */
    void gpmSampleGet(int gpu, GpmSample sample);

    /**
     * {@code nvmlGpmMigSampleGet}: fills the sample with the counters of one GPU instance of a
     * MIG-enabled GPU; compared with {@link #gpmMetrics} like whole-GPU samples.
     */
    void gpmMigSampleGet(int gpu, int gpuInstanceId, GpmSample sample);

    /** {@code nvmlGpmSampleFree}; a sample already freed is left alone, so native memory is freed once. */
    void gpmSampleFree(GpmSample sample);

    /**
     * {@code nvmlGpmMetricsGet}: the metrics over the time from {@code earlier} to {@code later},
     * two samples of one GPU, in NVML's units (percent, MiB/s). A metric NVML answers with an error
     * of its own is left out of the map.
     */
    Map<GpmMetric, Double> gpmMetrics(GpmSample earlier, GpmSample later, List<GpmMetric> metrics);
}
