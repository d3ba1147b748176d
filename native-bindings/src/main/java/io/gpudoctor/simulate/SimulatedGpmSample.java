package io.gpudoctor.simulate;

import io.gpudoctor.nvml.GpmSample;
import java.util.OptionalInt;

/** A GPM sample of the simulator: which GPU filled it and when, in the order samples were taken. */
final class SimulatedGpmSample extends GpmSample {

    private final SimulatedNvml owner;
    private OptionalInt gpu = OptionalInt.empty();
    private long taken;

    SimulatedGpmSample(SimulatedNvml owner) {
        this.owner = owner;
    }

    SimulatedNvml owner() {
        return owner;
    }

    void fill(int gpuIndex, long sequence) {
        gpu = OptionalInt.of(gpuIndex);
        taken = sequence;
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
