package io.gpudoctor.agent.simulate;

import io.gpudoctor.agent.simulate.ScalarValues.ByteSize;
import io.gpudoctor.agent.simulate.ScalarValues.CudaVersionNumber;
import io.gpudoctor.cuda.CuResult;
import io.gpudoctor.nvml.ClockEventReason;
import io.gpudoctor.nvml.ComputeMode;
import io.gpudoctor.nvml.GpmMetric;
import io.gpudoctor.nvml.NvmlReturn;
import io.gpudoctor.nvml.PerfPolicy;
import io.gpudoctor.nvml.ProcessKind;
import io.gpudoctor.simulate.GpuModel;
import io.gpudoctor.simulate.SimulatedFault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The shape of {@code scenario.yaml}, one record per mapping, as Jackson reads it. Checks that
 * need only one mapping are made here, while Jackson still knows the line; absent lists arrive
 * empty (the mapper is set up so), absent scalars as empty Optionals. The README beside the named
 * scenarios documents every key.
 */
record ScenarioDocument(
        Optional<String> name,
        Optional<String> description,
        String driverVersion,
        CudaVersionNumber cudaDriverVersion,
        Optional<NvmlReturn> nvmlInitError,
        Optional<CuResult> cuInitResult,
        List<GpuEntry> gpus,
        List<FaultEntry> faults,
        List<XidEntry> xids) {

    ScenarioDocument {
        required(driverVersion, "driverVersion");
        required(cudaDriverVersion, "cudaDriverVersion");
    }

    /** One GPU, or {@code count} alike. */
    record GpuEntry(
            GpuModel model,
            Optional<Integer> count,
            Optional<String> uuid,
            Optional<String> pciBusId,
            Optional<String> serial,
            Optional<Integer> minorNumber,
            Optional<ByteSize> memoryUsed,
            Optional<UtilizationEntry> utilization,
            Optional<Integer> temperatureCelsius,
            Optional<Double> powerUsageWatts,
            Optional<Double> powerLimitWatts,
            Optional<Double> totalEnergyJoules,
            Optional<ClocksEntry> clocksMhz,
            Optional<Integer> fanSpeedPercent,
            Optional<PcieEntry> pcieKilobytesPerSecond,
            Optional<Boolean> persistenceMode,
            Optional<ComputeMode> computeMode,
            Optional<MigEntry> migMode,
            List<MigDeviceEntry> migDevices,
            Optional<Boolean> eccEnabled,
            Optional<EccEntry> ecc,
            Optional<RemappedRowsEntry> remappedRows,
            Optional<Set<ClockEventReason>> clockEventReasons,
            Optional<PcieLinkEntry> pcieLink,
            Optional<NvLinkEntry> nvlink,
            Optional<Integer> memoryTemperatureCelsius,
            Optional<CodecEntry> codecUtilization,
            Optional<RetiredPagesEntry> retiredPages,
            Optional<Map<PerfPolicy, Double>> violationSeconds,
            List<ProcessEntry> processes,
            Optional<Map<GpmMetric, Double>> gpm) {

        GpuEntry {
            required(model, "model");
            if (count.orElse(1) < 1) {
                throw new IllegalArgumentException("count must be at least 1");
            }
            if (count.orElse(1) > 1) {
                for (var single : List.of(named("uuid", uuid), named("pciBusId", pciBusId), named("serial", serial),
                        named("minorNumber", minorNumber))) {
                    if (single.isPresent()) {
                        throw new IllegalArgumentException(single.get() + " names one GPU; it cannot go with count > 1");
                    }
                }
            }
        }

        int copies() {
            return count.orElse(1);
        }

        private static Optional<String> named(String key, Optional<?> value) {
            return value.map(v -> key);
        }
    }

    record UtilizationEntry(Optional<Integer> gpu, Optional<Integer> memory) {
    }

    /** Clocks left out run at the model's maximum. */
    record ClocksEntry(Optional<Integer> graphics, Optional<Integer> sm, Optional<Integer> memory,
                       Optional<Integer> video) {
    }

    record PcieEntry(Optional<Integer> tx, Optional<Integer> rx) {
    }

    /** {@code pending} left out is the same as {@code current}: no mode change waits for a reset. */
    record MigEntry(Boolean current, Optional<Boolean> pending) {
        MigEntry {
            required(current, "current");
        }
    }

    /**
     * A MIG device: a compute instance ({@code computeInstance}, 0 when left out) of GPU instance
     * {@code gpuInstance}. Memory used left out is what the instance's processes use; activity left
     * out is 0 (idle).
     */
    record MigDeviceEntry(Integer gpuInstance, Optional<Integer> computeInstance, String profile,
                          Optional<ByteSize> memoryUsed, Optional<Integer> activity) {
        MigDeviceEntry {
            required(gpuInstance, "gpuInstance");
            required(profile, "profile");
        }
    }

    /** Aggregate counts left out equal the volatile ones: the errors all happened since the driver loaded. */
    record EccEntry(Optional<Long> correctedVolatile, Optional<Long> uncorrectedVolatile,
                    Optional<Long> correctedAggregate, Optional<Long> uncorrectedAggregate) {
    }

    record RemappedRowsEntry(Optional<Integer> correctable, Optional<Integer> uncorrectable,
                             Optional<Boolean> pending, Optional<Boolean> failed) {
    }

    /** Values left out: a healthy link (full width; maximum generation when busy, gen 1 when idle), no replays. */
    record PcieLinkEntry(Optional<Integer> generation, Optional<Integer> maxGeneration, Optional<Integer> width,
                         Optional<Integer> maxWidth, Optional<Long> replays) {
    }

    /** Every link of the model is up and carried {@code txKibibytes}/{@code rxKibibytes}, except those {@code down}. */
    record NvLinkEntry(List<Integer> down, Optional<Long> txKibibytes, Optional<Long> rxKibibytes,
                       Optional<NvLinkErrorsEntry> errors) {
    }

    record NvLinkErrorsEntry(Optional<Long> crcFlit, Optional<Long> crcData, Optional<Long> replay,
                             Optional<Long> recovery) {
    }

    record CodecEntry(Optional<Integer> encoder, Optional<Integer> decoder) {
    }

    record RetiredPagesEntry(Optional<Integer> singleBit, Optional<Integer> doubleBit, Optional<Boolean> pending) {
    }

    /** {@code gpuInstance}: on a MIG GPU, the GPU instance the process runs in. */
    record ProcessEntry(Long pid, Optional<ByteSize> memoryUsed, Optional<ProcessKind> kind, Optional<String> name,
                        Optional<Integer> gpuInstance) {
        ProcessEntry {
            required(pid, "pid");
        }
    }

    /**
     * A fault; its kind follows from what it carries ({@code error} or {@code delay}), so only a
     * hang needs {@code kind: hang}.
     */
    record FaultEntry(Optional<String> call, Optional<Integer> gpu, Optional<SimulatedFault.Kind> kind,
                      Optional<NvmlReturn> error, Optional<Duration> delay) {
        FaultEntry {
            fault(call, gpu, kind, error, delay);
        }

        SimulatedFault toFault() {
            return fault(call, gpu, kind, error, delay);
        }

        private static SimulatedFault fault(Optional<String> call, Optional<Integer> gpu,
                                            Optional<SimulatedFault.Kind> kind, Optional<NvmlReturn> error,
                                            Optional<Duration> delay) {
            if (kind.isEmpty() && error.isEmpty() && delay.isEmpty()) {
                throw new IllegalArgumentException("a fault needs an error, a delay, or kind: hang");
            }
            SimulatedFault.Kind k = kind.orElse(error.isPresent() ? SimulatedFault.Kind.ERROR : SimulatedFault.Kind.DELAY);
            return new SimulatedFault(call.orElse(SimulatedFault.ANY_CALL),
                    gpu.map(OptionalInt::of).orElse(OptionalInt.empty()), k,
                    error.orElse(NvmlReturn.SUCCESS), delay.orElse(Duration.ZERO));
        }
    }

    record XidEntry(Integer gpu, Long xid) {
        XidEntry {
            required(gpu, "gpu");
            required(xid, "xid");
        }
    }

    private static void required(Object value, String key) {
        if (value == null) {
            throw new IllegalArgumentException("'" + key + "' is required");
        }
    }
}
