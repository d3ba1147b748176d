package io.gpudoctor.agent.gpus;

import io.gpudoctor.agent.driver.DriverConnection;
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
import io.gpudoctor.nvml.Nvml;
import io.gpudoctor.nvml.PciInfo;
import io.gpudoctor.nvml.PcieDirection;
import io.gpudoctor.nvml.Utilization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Asks the driver everything {@code gpu-doctor gpus} shows, every call bounded by a deadline so a
 * wedged driver yields a report that says so instead of a hung command.
 */
public final class GpuInventoryCollector {

    private final Duration callDeadline;
    private final Clock clock;

    public GpuInventoryCollector(Duration callDeadline, Clock clock) {
        this.callDeadline = callDeadline;
        this.clock = clock;
    }

    /** Collects; never throws for anything the driver does. */
    public GpuInventory collect(DriverConnection driver, String rootfs) {
        try (BoundedCaller caller = new BoundedCaller("gpu-doctor-nvml", callDeadline)) {
            NvmlPart nvml = driver.nvml().map(n -> readNvml(n, caller)).orElseGet(NvmlPart::notLoaded);
            GpuInventory.CudaState cuda;
            try (BoundedCaller cudaCaller = new BoundedCaller("gpu-doctor-cuda", callDeadline)) {
                cuda = driver.cuda().map(c -> readCuda(c, cudaCaller)).orElseGet(GpuInventoryCollector::cudaNotLoaded);
            }
            GpuInventory.Libraries libraries = new GpuInventory.Libraries(driver.nvmlLibrary(), driver.cudaLibrary());
            return new GpuInventory(GpuInventory.SCHEMA,
                    Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(),
                    driver.source(), rootfs, libraries, nvml.state(), cuda, nvml.gpus(),
                    Verdict.of(libraries, nvml.state(), cuda, nvml.gpus()));
        }
    }

    private static NvmlPart readNvml(Nvml nvml, BoundedCaller caller) {
        CallOutcome<Boolean> init = caller.call("init", () -> {
            nvml.init();
            return true;
        });
        String status = init instanceof CallOutcome.Done<Boolean> ? "NVML_SUCCESS" : CallRecorder.errorName(init);
        CallRecorder system = new CallRecorder(caller);
        // The library's own version answers without a kernel module, so it is asked for in any case.
        Optional<String> nvmlVersion = system.value("nvmlVersion", nvml::nvmlVersion);
        if (!status.equals("NVML_SUCCESS")) {
            return new NvmlPart(new GpuInventory.NvmlState(status, DriverMeanings.nvml(status), Optional.empty(),
                    nvmlVersion, Optional.empty(), Optional.empty(), List.of()), List.of());
        }
        Optional<String> driverVersion = system.value("driverVersion", nvml::driverVersion);
        Optional<String> cudaVersion = system.value("cudaDriverVersion", nvml::cudaDriverVersion)
                .map(CudaVersion::format);
        Optional<Integer> count = system.value("deviceCount", nvml::deviceCount);
        List<GpuReading> gpus = new ArrayList<>();
        for (int i = 0; i < count.orElse(0); i++) {
            gpus.add(readGpu(nvml, i, new CallRecorder(caller)));
        }
        caller.call("shutdown", () -> {
            nvml.shutdown();
            return true;
        });
        return new NvmlPart(new GpuInventory.NvmlState(status, DriverMeanings.nvml(status), driverVersion, nvmlVersion,
                cudaVersion, count, system.errors()), gpus);
    }

    private static GpuReading readGpu(Nvml nvml, int i, CallRecorder r) {
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
        List<GpuReading.Process> processes = Stream.concat(
                        r.value("computeProcesses", () -> nvml.computeProcesses(i)).orElse(List.of()).stream(),
                        r.value("graphicsProcesses", () -> nvml.graphicsProcesses(i)).orElse(List.of()).stream())
                .map(GpuInventoryCollector::process)
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
                r.value("memoryInfo", () -> nvml.memoryInfo(i)).map(GpuInventoryCollector::memory),
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
                r.optional("migMode", () -> nvml.migMode(i)),
                processes,
                r.errors());
    }

    private static GpuInventory.CudaState readCuda(CudaDriver cuda, BoundedCaller caller) {
        CallRecorder r = new CallRecorder(caller);
        Optional<String> version = r.value("cuDriverGetVersion", cuda::driverVersion).map(CudaVersion::format);
        CallOutcome<CuResult> init = caller.call("cuInit", cuda::init);
        String result = init instanceof CallOutcome.Done<CuResult> done
                ? done.value().name() : CallRecorder.errorName(init);
        Optional<Integer> count = result.equals("CUDA_SUCCESS")
                ? r.value("cuDeviceGetCount", cuda::deviceCount) : Optional.empty();
        return new GpuInventory.CudaState(result, DriverMeanings.cuda(result), version, count, r.errors());
    }

    private static GpuInventory.CudaState cudaNotLoaded() {
        return new GpuInventory.CudaState(DriverMeanings.LIBRARY_NOT_LOADED,
                DriverMeanings.cuda(DriverMeanings.LIBRARY_NOT_LOADED), Optional.empty(), Optional.empty(), List.of());
    }

    private static GpuReading.Memory memory(MemoryInfo m) {
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

    private record NvmlPart(GpuInventory.NvmlState state, List<GpuReading> gpus) {
        static NvmlPart notLoaded() {
            String status = DriverMeanings.LIBRARY_NOT_LOADED;
            return new NvmlPart(new GpuInventory.NvmlState(status, DriverMeanings.nvml(status), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), List.of()), List.of());
        }
    }
}
