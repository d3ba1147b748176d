package io.gpudoctor.nvml;

import java.util.Objects;

/**
 * A MIG device: one compute instance of one GPU instance of a MIG-enabled GPU, as
 * {@code nvmlDeviceGetMigDeviceHandleByIndex} lists them. Compute instances of one GPU instance
 * share its memory and its GPM counters.
 *
 * @param index             its index under the parent GPU (0 to {@link Nvml#maxMigDeviceCount} - 1)
 * @param gpuInstanceId     {@code nvmlDeviceGetGpuInstanceId}
 * @param computeInstanceId {@code nvmlDeviceGetComputeInstanceId}
 * @param uuid              {@code MIG-...}, as CUDA_VISIBLE_DEVICES and the device plugin name it
 * @param name              {@code nvmlDeviceGetName} of the MIG handle, e.g.
 *                          {@code NVIDIA H100 80GB HBM3 MIG 3g.40gb}
 */
public record MigDevice(int index, int gpuInstanceId, int computeInstanceId, String uuid, String name) {

    private static final String MIG_MARK = " MIG ";

    public MigDevice {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(name, "name");
    }

    /**
     * The GPU instance profile, {@code 3g.40gb} (or {@code 1g.10gb+me}), as NVML names the MIG
     * device after its parent's name; the whole name where it has no {@code MIG} part.
     */
    public String profile() {
        int mark = name.lastIndexOf(MIG_MARK);
        return mark < 0 ? name : name.substring(mark + MIG_MARK.length()).trim();
    }
}
