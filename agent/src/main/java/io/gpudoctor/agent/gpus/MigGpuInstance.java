package io.gpudoctor.agent.gpus;

import io.gpudoctor.agent.gpus.fields.FieldSample;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One GPU instance of a MIG-enabled GPU, as NVML's MIG devices show it: its memory and its GPM
 * metrics belong to the instance, which its compute instances share, so they are kept once here
 * and a sum over instances counts nothing twice.
 *
 * @param id               the GPU instance id ({@code nvmlDeviceGetGpuInstanceId})
 * @param profile          {@code 3g.40gb}, from the MIG device's name
 * @param memory           the instance's memory; empty when the call failed
 * @param fields           the GPM fields of the table ({@link io.gpudoctor.agent.gpus.fields.GpuFields})
 *                         over the last interval, in base units; none on the first cycle and without GPM
 * @param computeInstances the instance's compute instances: the MIG devices CUDA sees
 */
public record MigGpuInstance(int id, String profile, Optional<GpuReading.Memory> memory, List<FieldSample> fields,
                             List<ComputeInstance> computeInstances) {

    public MigGpuInstance {
        Objects.requireNonNull(profile, "profile");
        fields = List.copyOf(fields);
        computeInstances = List.copyOf(computeInstances);
    }

    /** The instance's value of a field of the table, if it has one. */
    public Optional<Double> value(String field) {
        return FieldSample.valueOf(fields, field);
    }

    /**
     * A compute instance: one MIG device.
     *
     * @param id   the compute instance id within its GPU instance
     * @param uuid {@code MIG-...}, the name CUDA_VISIBLE_DEVICES and the device plugin use
     */
    public record ComputeInstance(int id, String uuid) {
        public ComputeInstance {
            Objects.requireNonNull(uuid, "uuid");
        }
    }
}
