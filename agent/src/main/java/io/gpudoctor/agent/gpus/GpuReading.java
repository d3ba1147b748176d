package io.gpudoctor.agent.gpus;

import io.gpudoctor.agent.container.attribution.WorkloadContainer;
import io.gpudoctor.agent.gpus.fields.FieldSample;
import io.gpudoctor.nvml.MigMode;
import io.gpudoctor.nvml.RemappedRows;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything NVML said about one GPU. A field is empty when the GPU does not have it
 * (NOT_SUPPORTED) or the call failed; failures are listed in {@code errors}. {@code fields} holds the
 * values of the field table ({@link io.gpudoctor.agent.gpus.fields.GpuFields}), in their base units;
 * {@code migInstances} the GPU instances of a GPU in MIG mode (none otherwise).
 */
public record GpuReading(
        int index,
        Optional<String> uuid,
        Optional<String> name,
        Optional<String> serial,
        Optional<String> brand,
        Optional<String> architecture,
        Optional<Integer> minorNumber,
        Optional<String> pciBusId,
        Optional<String> pciDeviceId,
        Optional<String> computeCapability,
        Optional<Memory> memory,
        Optional<Integer> utilizationGpuPercent,
        Optional<Integer> utilizationMemoryPercent,
        Optional<Integer> temperatureCelsius,
        Optional<Double> powerUsageWatts,
        Optional<Double> powerLimitWatts,
        Optional<Double> energyJoules,
        Map<String, Integer> clocksMhz,
        Optional<Integer> fanSpeedPercent,
        Map<String, Integer> pcieKilobytesPerSecond,
        Map<String, Long> eccErrors,
        Optional<RemappedRows> remappedRows,
        Optional<List<String>> clockEventReasons,
        Optional<Boolean> persistenceMode,
        Optional<String> computeMode,
        Optional<MigMode> migMode,
        List<MigGpuInstance> migInstances,
        List<FieldSample> fields,
        List<Process> processes,
        List<CallError> errors) {

    /** Frame-buffer memory in bytes; {@code reservedBytes} only from drivers with the v2 call. */
    public record Memory(long totalBytes, long usedBytes, long freeBytes, Optional<Long> reservedBytes) {
    }

    /**
     * The samples of one field of the table ({@link io.gpudoctor.agent.gpus.fields.GpuFields}); none
     * where the GPU lacks it.
     */
    public List<FieldSample> samples(String field) {
        return fields.stream().filter(f -> f.field().equals(field)).toList();
    }

    /** The value of a field that has one sample per GPU. */
    public Optional<Double> value(String field) {
        return FieldSample.valueOf(fields, field);
    }

    /** The processes that run in GPU instance {@code gpuInstanceId} of this GPU, in MIG mode. */
    public List<Process> processesIn(int gpuInstanceId) {
        Optional<Integer> id = Optional.of(gpuInstanceId);
        return processes.stream().filter(p -> p.gpuInstanceId().equals(id)).toList();
    }

    /** The same reading with other processes: the driver's, once the host has said whose they are. */
    public GpuReading withProcesses(List<Process> replaced) {
        return new GpuReading(index, uuid, name, serial, brand, architecture, minorNumber, pciBusId, pciDeviceId,
                computeCapability, memory, utilizationGpuPercent, utilizationMemoryPercent, temperatureCelsius,
                powerUsageWatts, powerLimitWatts, energyJoules, clocksMhz, fanSpeedPercent, pcieKilobytesPerSecond,
                eccErrors, remappedRows, clockEventReasons, persistenceMode, computeMode, migMode,
                migInstances, fields, List.copyOf(replaced), errors);
    }

    /**
     * The same values with other errors: a reading kept from an earlier cycle carries the errors
     * that kept this cycle from renewing it, so that the checks see why.
     */
    public GpuReading withErrors(List<CallError> replaced) {
        return new GpuReading(index, uuid, name, serial, brand, architecture, minorNumber, pciBusId, pciDeviceId,
                computeCapability, memory, utilizationGpuPercent, utilizationMemoryPercent, temperatureCelsius,
                powerUsageWatts, powerLimitWatts, energyJoules, clocksMhz, fanSpeedPercent, pcieKilobytesPerSecond,
                eccErrors, remappedRows, clockEventReasons, persistenceMode, computeMode, migMode, migInstances, fields,
                processes, List.copyOf(replaced));
    }

    /**
     * The same reading with the identity the host's files give a GPU NVML cannot name (a lost one):
     * each of UUID, name and PCI address NVML did not tell is taken from {@code known}.
     */
    public GpuReading withIdentity(Optional<String> knownUuid, Optional<String> knownName,
                                   Optional<String> knownPciBusId) {
        return new GpuReading(index, uuid.or(() -> knownUuid), name.or(() -> knownName), serial, brand, architecture,
                minorNumber, pciBusId.or(() -> knownPciBusId), pciDeviceId, computeCapability, memory,
                utilizationGpuPercent, utilizationMemoryPercent, temperatureCelsius, powerUsageWatts, powerLimitWatts,
                energyJoules, clocksMhz, fanSpeedPercent, pcieKilobytesPerSecond, eccErrors, remappedRows,
                clockEventReasons, persistenceMode, computeMode, migMode, migInstances, fields, processes, errors);
    }

    /**
     * A process with a context on this GPU.
     *
     * @param processName its {@code comm} on the host; empty until the host was read, or when it exited
     * @param container   the container it runs in; empty for a host process or until the host was read
     */
    public record Process(long pid, String kind, Optional<Long> usedMemoryBytes, Optional<Integer> gpuInstanceId,
                          Optional<Integer> computeInstanceId, Optional<String> processName,
                          Optional<WorkloadContainer> container) {

        /** This process as its origin on the host says. */
        public Process withOrigin(Optional<String> name, Optional<WorkloadContainer> in) {
            return new Process(pid, kind, usedMemoryBytes, gpuInstanceId, computeInstanceId, name, in);
        }
    }
}
