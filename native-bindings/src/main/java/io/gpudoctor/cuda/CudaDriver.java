package io.gpudoctor.cuda;

import io.gpudoctor.nvml.ComputeCapability;

/**
 * The few calls of the CUDA driver API ({@code libcuda.so.1}) that tell whether CUDA works here:
 * the version the driver supports, whether {@code cuInit} succeeds and what devices it sees.
 * Methods other than {@link #init()} throw {@link CudaException} on failure.
 */
public interface CudaDriver {

    /** {@code cuInit(0)}; its result is a fact to report, so it is returned rather than thrown. */
    CuResult init();

    /** {@code cuDriverGetVersion}, e.g. 12020. Works without a loaded kernel module. */
    int driverVersion();

    /** {@code cuDeviceGetCount}; needs a successful {@link #init()}. */
    int deviceCount();

    /** {@code cuDeviceGet} + {@code cuDeviceGetName}. */
    String deviceName(int ordinal);

    /** {@code cuDeviceGetAttribute} for compute capability major (75) and minor (76). */
    ComputeCapability computeCapability(int ordinal);

    /** {@code cuDeviceTotalMem_v2}. */
    long totalMemoryBytes(int ordinal);

    /** {@code cuGetErrorName}: the driver's own name for a result, which may know codes this build does not. */
    String errorName(CuResult result);
}
