package io.gpudoctor.simulate;

import io.gpudoctor.nvml.GpmSample;
import java.util.OptionalInt;

/** A GPM sample of the simulator: which GPU (or GPU instance) filled it and when, in the order samples were taken. */
final class SimulatedGpmSample extends GpmSample {

    private final SimulatedNvml owner;
    private OptionalInt gpu = OptionalInt.empty();
    private OptionalInt gpuInstance = OptionalInt.empty();
    private long taken;

    SimulatedGpmSample(SimulatedNvml owner) {
        this.owner = owner;
    }

    SimulatedNvml owner() {
        return owner;
    }

    void fill(int gpuIndex, long sequence) {
        gpu = OptionalInt.of(gpuIndex);
        gpuInstance = OptionalInt.empty();
        taken = sequence;
    }

    void fillInstance(int gpuIndex, int gpuInstanceId, long sequence) {
        gpu = OptionalInt.of(gpuIndex);
        gpuInstance = OptionalInt.of(gpuInstanceId);
        taken = sequence;
    }

    /** The MIG GPU instance it was taken of; empty for a sample of the whole GPU. */
    OptionalInt gpuInstance() {
        return gpuInstance;
    }

    OptionalInt gpu() {
        return gpu;
    }

    long taken() {
        return taken;
    }

    /** True only the first time it is freed. */
    boolean release() {
        return markFreed();
    }
}
