package io.gpudoctor.agent.gpus;

import io.gpudoctor.agent.gpus.fields.FieldSample;
import io.gpudoctor.agent.nativecall.BoundedCaller;
import io.gpudoctor.nvml.MigDevice;
import io.gpudoctor.nvml.Nvml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the MIG devices of a MIG-enabled GPU and groups them by GPU instance: each instance's
 * memory is asked once (through its first MIG device) and its GPM metrics once, so a GPU
 * instance with several compute instances costs the calls of one.
 */
final class MigQueries {

    /**
     * The most MIG slots asked about, whatever the driver answers: today's GPUs have 7, and a
     * garbled count must not turn into millions of calls.
     */
    static final int MAX_SLOTS = 64;

    private MigQueries() {
    }

    static List<MigGpuInstance> read(Nvml nvml, int gpu, Optional<String> gpuUuid, BoundedCaller caller,
                                     CallRecorder r, GpmSampling gpm) {
        int slots = Math.min(MAX_SLOTS, r.value("maxMigDeviceCount", () -> nvml.maxMigDeviceCount(gpu)).orElse(0));
        Map<Integer, List<MigDevice>> byInstance = new LinkedHashMap<>();
        for (int index = 0; index < slots; index++) {
            int slot = index;
            r.optional("migDevice", () -> nvml.migDevice(gpu, slot))
                    .ifPresent(d -> byInstance.computeIfAbsent(d.gpuInstanceId(), id -> new ArrayList<>()).add(d));
        }
        List<MigGpuInstance> instances = new ArrayList<>();
        for (List<MigDevice> devices : byInstance.values()) {
            MigDevice first = devices.get(0);
            Optional<GpuReading.Memory> memory = r.value("migMemoryInfo", () -> nvml.migMemoryInfo(gpu, first.index()))
                    .map(DriverQueries::memory);
            // A destroyed and re-created instance may take the id with another profile: not one to compare.
            Optional<String> identity = gpuUuid.map(u -> u + "/" + first.gpuInstanceId() + "/" + first.profile());
            List<FieldSample> fields = gpm.readInstance(nvml, gpu, first.gpuInstanceId(), identity, caller, r);
            instances.add(new MigGpuInstance(first.gpuInstanceId(), first.profile(), memory, fields,
                    devices.stream().map(d -> new MigGpuInstance.ComputeInstance(d.computeInstanceId(), d.uuid()))
                            .toList()));
        }
        return instances;
    }
}
