package io.gpudoctor.agent.gpus;

import io.gpudoctor.agent.driver.DriverConnection;
import io.gpudoctor.agent.gpus.fields.FieldSample;
import io.gpudoctor.agent.gpus.fields.GpuFields;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.nativecall.BoundedCaller;
import io.gpudoctor.agent.nativecall.CallOutcome;
import io.gpudoctor.cuda.CuResult;
import io.gpudoctor.cuda.CudaDriver;
import io.gpudoctor.cuda.CudaVersion;
import io.gpudoctor.nvml.ClockEventReason;
import io.gpudoctor.nvml.ClockType;
import io.gpudoctor.nvml.EccCounterType;
import io.gpudoctor.nvml.EccErrorType;
import io.gpudoctor.nvml.GpuProcess;
import io.gpudoctor.nvml.MemoryInfo;
import io.gpudoctor.nvml.MigMode;
import io.gpudoctor.nvml.Nvml;
import io.gpudoctor.nvml.PciInfo;
import io.gpudoctor.nvml.PcieDirection;
import io.gpudoctor.nvml.Utilization;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The driver questions gpu-doctor asks, each call bounded by the caller it is given. Shared by the
 * one-shot {@code gpu-doctor gpus} collection and the daemon's sampler, which keeps its NVML
 * session open across cycles: both read a GPU, the system and libcuda the same way.
 */
public final class DriverQueries {

    /** The status of an NVML that initialised. */
    public static final String NVML_SUCCESS = "NVML_SUCCESS";
    /** The name {@link #init} gives its call, as a stuck call is reported. */
    public static final String INIT_CALL = "init";

    private static final GpuFieldReader FIELDS = new GpuFieldReader(GpuFields.ALL);

    private DriverQueries() {
    }

    /** Calls {@code nvmlInit_v2}: {@link #NVML_SUCCESS}, the error's name, or {@code HUNG}. */
    public static String init(Nvml nvml, BoundedCaller caller) {
        return status(caller.call(INIT_CALL, () -> {
            nvml.init();
            return true;
        }));
    }

    /** Calls {@code nvmlShutdown}: {@link #NVML_SUCCESS}, the error's name, or {@code HUNG}. */
    public static String shutdown(Nvml nvml, BoundedCaller caller) {
        return status(caller.call("shutdown", () -> {
            nvml.shutdown();
            return true;
        }));
    }

    /** The library's own version: it answers without a kernel module, so it may be asked before init. */
    public static NvmlSystem libraryVersion(Nvml nvml, BoundedCaller caller) {
        CallRecorder r = new CallRecorder(caller);
        Optional<String> nvmlVersion = r.value("nvmlVersion", nvml::nvmlVersion);
        return new NvmlSystem(Optional.empty(), nvmlVersion, Optional.empty(), Optional.empty(), r.errors());
    }

    /** The system-wide answers of an initialised NVML. */
    public static NvmlSystem system(Nvml nvml, BoundedCaller caller) {
        CallRecorder r = new CallRecorder(caller);
        Optional<String> nvmlVersion = r.value("nvmlVersion", nvml::nvmlVersion);
        Optional<String> driverVersion = r.value("driverVersion", nvml::driverVersion);
        Optional<String> cudaVersion = r.value("cudaDriverVersion", nvml::cudaDriverVersion).map(CudaVersion::format);
        Optional<Integer> count = r.value("deviceCount", nvml::deviceCount);
        return new NvmlSystem(driverVersion, nvmlVersion, cudaVersion, count, r.errors());
    }

    /** Everything one reading of GPU {@code i} gives: no GPM metrics, which need a reading before. */
    public static GpuReading gpu(Nvml nvml, int i, BoundedCaller caller) {
        return gpu(nvml, i, caller, new GpmSampling(List.of()));
    }

    /**
     * Everything NVML says about GPU {@code i}, the GPM metrics since {@code gpm}'s last reading
     * of it included; a failed call leaves its field empty and is listed.
     */
    public static GpuReading gpu(Nvml nvml, int i, BoundedCaller caller, GpmSampling gpm) {
        CallRecorder r = new CallRecorder(caller);
        // Identity first: if the GPU is lost, the first call says so and the rest are skipped.
        Optional<String> uuid = r.value("uuid", () -> nvml.uuid(i));
        Optional<String> name = r.value("name", () -> nvml.name(i));
        Optional<PciInfo> pci = r.value("pciInfo", () -> nvml.pciInfo(i));
        Optional<Utilization> utilization = r.optional("utilization", () -> nvml.utilization(i));
        Map<String, Integer> clocks = new LinkedHashMap<>();
        for (ClockType type : ClockType.values()) {
            r.optionalInt("clockMhz." + lower(type), () -> nvml.clockMhz(i, type))
                    .ifPresent(v -> clocks.put(lower(type), v));
        }
        Map<String, Integer> pcie = new LinkedHashMap<>();
        for (PcieDirection direction : PcieDirection.values()) {
            r.optionalInt("pcieThroughput." + lower(direction),
                    () -> nvml.pcieThroughputKilobytesPerSecond(i, direction))
                    .ifPresent(v -> pcie.put(lower(direction), v));
        }
        Map<String, Long> ecc = new LinkedHashMap<>();
        for (EccErrorType type : EccErrorType.values()) {
            for (EccCounterType counter : EccCounterType.values()) {
                String key = lower(type) + "." + lower(counter);
                r.optionalLong("eccErrors." + key, () -> nvml.eccErrors(i, type, counter))
                        .ifPresent(v -> ecc.put(key, v));
            }
        }
        Optional<MigMode> migMode = r.optional("migMode", () -> nvml.migMode(i));
        // Before the MIG instances: their GPM samples go with the GPU's support for GPM, asked here.
        List<FieldSample> fields = Stream.concat(FIELDS.read(nvml, i, r).stream(),
                gpm.read(nvml, i, uuid, caller, r).stream()).toList();
        List<GpuReading.Process> processes = Stream.concat(
                        r.value("computeProcesses", () -> nvml.computeProcesses(i)).orElse(List.of()).stream(),
                        r.value("graphicsProcesses", () -> nvml.graphicsProcesses(i)).orElse(List.of()).stream())
                .map(DriverQueries::process)
                .toList();
        return new GpuReading(i,
                uuid,
                name,
                r.optional("serial", () -> nvml.serial(i)),
                r.optional("brand", () -> nvml.brand(i)).map(Enum::name),
                r.optional("architecture", () -> nvml.architecture(i)).map(Enum::name),
                r.optionalInt("minorNumber", () -> nvml.minorNumber(i)),
                pci.map(PciInfo::busId),
                pci.map(PciInfo::vendorDeviceId),
                r.optional("computeCapability", () -> nvml.computeCapability(i)).map(Object::toString),
                r.value("memoryInfo", () -> nvml.memoryInfo(i)).map(DriverQueries::memory),
                utilization.map(Utilization::gpuPercent),
                utilization.map(Utilization::memoryPercent),
                r.optionalInt("temperatureCelsius", () -> nvml.temperatureCelsius(i)),
                r.optionalInt("powerUsage", () -> nvml.powerUsageMilliwatts(i)).map(mw -> mw / 1000.0),
                r.optionalInt("powerLimit", () -> nvml.powerLimitMilliwatts(i)).map(mw -> mw / 1000.0),
                r.optionalLong("totalEnergy", () -> nvml.totalEnergyMillijoules(i)).map(mj -> mj / 1000.0),
                clocks,
                r.optionalInt("fanSpeed", () -> nvml.fanSpeedPercent(i)),
                pcie,
                ecc,
                r.optional("remappedRows", () -> nvml.remappedRows(i)),
                r.optionalLong("clockEventReasons", () -> nvml.clockEventReasons(i))
                        .map(bits -> ClockEventReason.decode(bits).stream().map(Enum::name).toList()),
                r.optional("persistenceMode", () -> nvml.persistenceMode(i)),
                r.optional("computeMode", () -> nvml.computeMode(i)).map(Enum::name),
                migMode,
                migMode.filter(MigMode::current).isPresent()
                        ? MigQueries.read(nvml, i, uuid, caller, r, gpm) : List.of(),
                fields,
                processes,
                r.errors());
    }

    /** What libcuda says: its driver version, then cuInit's result and, after a success, the device count. */
    public static GpuInventory.CudaState cuda(CudaDriver cuda, BoundedCaller caller) {
        CallRecorder r = new CallRecorder(caller);
        Optional<String> version = r.value("cuDriverGetVersion", cuda::driverVersion).map(CudaVersion::format);
        CallOutcome<CuResult> init = caller.call("cuInit", cuda::init);
        String result = init instanceof CallOutcome.Done<CuResult> done
                ? done.value().name() : CallRecorder.errorName(init);
        Optional<Integer> count = result.equals("CUDA_SUCCESS")
                ? r.value("cuDeviceGetCount", cuda::deviceCount) : Optional.empty();
        return new GpuInventory.CudaState(result, DriverMeanings.cuda(result), version, count, r.errors());
    }

    /** The CUDA state where there was no libcuda to call. */
    public static GpuInventory.CudaState cudaNotLoaded() {
        return new GpuInventory.CudaState(DriverMeanings.LIBRARY_NOT_LOADED,
                DriverMeanings.cuda(DriverMeanings.LIBRARY_NOT_LOADED), Optional.empty(), Optional.empty(), List.of());
    }

    /** The NVML state where there was no library to call. */
    public static GpuInventory.NvmlState nvmlNotLoaded() {
        String status = DriverMeanings.LIBRARY_NOT_LOADED;
        return new GpuInventory.NvmlState(status, DriverMeanings.nvml(status), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    /** The NVML state of a session: its init status, in words, and what the system calls answered. */
    public static GpuInventory.NvmlState nvmlState(String status, NvmlSystem system) {
        return new GpuInventory.NvmlState(status, DriverMeanings.nvml(status), system.driverVersion(),
                system.nvmlVersion(), system.cudaDriverVersion(), system.deviceCount(), system.errors());
    }

    /** The inventory of what was read, with its one-sentence verdict. */
    public static GpuInventory inventory(Instant at, DriverConnection driver, HostFileReader host,
                                         GpuInventory.NvmlState nvml, GpuInventory.CudaState cuda,
                                         List<GpuReading> gpus) {
        GpuInventory.Libraries libraries = new GpuInventory.Libraries(driver.nvmlLibrary(), driver.cudaLibrary());
        List<GpuReading> named = KnownIdentities.fill(gpus, host);
        return new GpuInventory(GpuInventory.SCHEMA, at.truncatedTo(ChronoUnit.SECONDS).toString(), driver.source(),
                host.paths().root().toString(), libraries, nvml, cuda, named, Verdict.of(libraries, nvml, cuda, named));
    }

    private static String status(CallOutcome<Boolean> outcome) {
        return outcome instanceof CallOutcome.Done<Boolean> ? NVML_SUCCESS : CallRecorder.errorName(outcome);
    }

    static GpuReading.Memory memory(MemoryInfo m) {
        return new GpuReading.Memory(m.totalBytes(), m.usedBytes(), m.freeBytes(),
                m.reservedBytes().isPresent() ? Optional.of(m.reservedBytes().getAsLong()) : Optional.empty());
    }

    private static GpuReading.Process process(GpuProcess p) {
        return new GpuReading.Process(p.pid(), lower(p.kind()),
                p.usedMemoryBytes().isPresent() ? Optional.of(p.usedMemoryBytes().getAsLong()) : Optional.empty(),
                p.gpuInstanceId().isPresent() ? Optional.of(p.gpuInstanceId().getAsInt()) : Optional.empty(),
                p.computeInstanceId().isPresent() ? Optional.of(p.computeInstanceId().getAsInt()) : Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
