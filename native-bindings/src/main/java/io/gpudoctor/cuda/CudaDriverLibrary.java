package io.gpudoctor.cuda;

import com.sun.jna.Library;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The raw CUDA driver API calls gpu-doctor makes, named and typed as in {@code cuda.h}. Every call
 * returns a {@code CUresult}; a {@code CUdevice} is an {@code int}. Only {@link JnaCudaDriver}
 * uses this interface: everything above it sees {@link CudaDriver}.
 */
public interface CudaDriverLibrary extends Library {

    /** {@code CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR}. */
    int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;

    /** {@code CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR}. */
    int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;

    /** {@code CUresult cuInit(unsigned int Flags)}; Flags must be 0. */
    int cuInit(int flags);

    /** {@code CUresult cuDriverGetVersion(int *driverVersion)}. */
    int cuDriverGetVersion(IntByReference driverVersion);

    /** {@code CUresult cuDeviceGetCount(int *count)}. */
    int cuDeviceGetCount(IntByReference count);

    /** {@code CUresult cuDeviceGet(CUdevice *device, int ordinal)}. */
    int cuDeviceGet(IntByReference device, int ordinal);

    /** {@code CUresult cuDeviceGetName(char *name, int len, CUdevice dev)}. */
    int cuDeviceGetName(byte[] name, int len, int device);

    /** {@code CUresult cuDeviceGetAttribute(int *pi, CUdevice_attribute attrib, CUdevice dev)}. */
    int cuDeviceGetAttribute(IntByReference value, int attribute, int device);

    /** {@code CUresult cuDeviceTotalMem_v2(size_t *bytes, CUdevice dev)}; size_t is 64 bits on every NVIDIA Linux platform. */
    int cuDeviceTotalMem_v2(LongByReference bytes, int device);

    /** {@code CUresult cuGetErrorName(CUresult error, const char **pStr)}. */
    int cuGetErrorName(int error, PointerByReference name);
}
