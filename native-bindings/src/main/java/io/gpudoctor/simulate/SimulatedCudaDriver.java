package io.gpudoctor.simulate;

import io.gpudoctor.cuda.CuResult;
import io.gpudoctor.cuda.CudaDriver;
import io.gpudoctor.cuda.CudaException;
import io.gpudoctor.nvml.ComputeCapability;
import java.util.Objects;

/**
 * The CUDA driver API as a scenario describes it: {@code cuInit} gives the scenario's result, and
 * only after it succeeded are devices visible, in NVML's order. The driver version answers
 * regardless, as {@code cuDriverGetVersion} does without a working kernel module.
 */
public final class SimulatedCudaDriver implements CudaDriver {

    private static final CuResult NOT_INITIALIZED = new CuResult(3);
    private static final CuResult INVALID_DEVICE = new CuResult(101);

    private final Scenario scenario;
    private volatile boolean initialized;

    public SimulatedCudaDriver(Scenario scenario) {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
    }

    @Override
    public CuResult init() {
        CuResult result = scenario.cuInitResult();
        if (result.isSuccess()) {
            initialized = true;
        }
        return result;
    }

    @Override
    public int driverVersion() {
        return scenario.cudaDriverVersion();
    }

    @Override
    public int deviceCount() {
        requireInit("cuDeviceGetCount");
        return scenario.gpus().size();
    }

    @Override
    public String deviceName(int ordinal) {
        return device("cuDeviceGetName", ordinal).model().nvmlName();
    }

    @Override
    public ComputeCapability computeCapability(int ordinal) {
        return device("cuDeviceGetAttribute", ordinal).model().computeCapability();
    }

    @Override
    public long totalMemoryBytes(int ordinal) {
        return device("cuDeviceTotalMem_v2", ordinal).model().memoryTotalBytes();
    }

    @Override
    public String errorName(CuResult result) {
        return result.name();
    }

    private SimulatedGpu device(String call, int ordinal) {
        requireInit(call);
        if (ordinal < 0 || ordinal >= scenario.gpus().size()) {
            throw new CudaException("cuDeviceGet", INVALID_DEVICE);
        }
        return scenario.gpus().get(ordinal);
    }

    private void requireInit(String call) {
        if (!initialized) {
            throw new CudaException(call, NOT_INITIALIZED);
        }
    }
}
